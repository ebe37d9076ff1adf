"""Every suite in Suites/ loads with an independent YAML 1.2 loader and validates against the
committed JSON Schema with an independent validator; the committed schemas equal `conform schema`;
run.json validates against its schema."""
import json
import pathlib

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import ROOT, run_conform

SUITE_FILES = sorted((ROOT / "Suites").rglob("*.yaml"))
TARGET_FILES = sorted((ROOT / "Fixtures" / "targets").glob("*.yaml"))


def load_schema(name):
    return json.loads((ROOT / "schema" / name).read_text())


def load_yaml(path):
    yaml = YAML(typ="safe")
    yaml.version = (1, 2)
    return yaml.load(path.read_text())


def test_there_are_suites_and_targets():
    assert SUITE_FILES, "no suite files under Suites/"
    assert TARGET_FILES, "no target files under Fixtures/targets/"


@pytest.mark.parametrize("path", SUITE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_suite_file_validates_against_committed_schema(path):
    schema = load_schema("suite.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(load_yaml(path), schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("path", TARGET_FILES, ids=lambda p: p.name)
def test_target_file_validates_against_committed_schema(path):
    schema = load_schema("target.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(load_yaml(path), schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("kind", ["suite", "target", "run"])
def test_committed_schema_equals_conform_schema(conform, kind):
    result = run_conform(conform, "schema", kind)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == load_schema(f"{kind}.schema.json")


def test_schema_rejects_a_misspelt_case_key():
    schema = load_schema("suite.schema.json")
    suite = load_yaml(ROOT / "Suites" / "ipv6-core" / "icmpv6-echo.yaml")
    suite["cases"][0]["claus"] = suite["cases"][0].pop("clause")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(suite, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("bundle", ["reference_bundle", "faulty_bundle"])
def test_run_json_validates_against_its_schema(bundle, request):
    run = json.loads((request.getfixturevalue(bundle) / "run.json").read_text())
    jsonschema.validate(run, load_schema("run.schema.json"), cls=jsonschema.Draft202012Validator)
