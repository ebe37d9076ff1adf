"""junit.xml parses with an independent JUnit reader and maps verdicts as documented:
fail -> failure; error and inconc -> error; not-selected -> skipped."""
import json

from junitparser import Error, Failure, JUnitXml, Properties, Property, Skipped


def properties(case):
    """A testcase's <properties>, which junitparser reads as generic children."""
    return {p.name: p.value for group in case.iterchildren(Properties) for p in group.iterchildren(Property)}


def read(bundle):
    xml = JUnitXml.fromfile(str(bundle / "junit.xml"))
    cases = [case for suite in xml for case in suite]
    run = json.loads((bundle / "run.json").read_text())
    return xml, cases, run


def test_reference_run_has_only_passing_testcases(reference_bundle):
    _, cases, run = read(reference_bundle)
    assert len(cases) == len(run["cases"]) > 0
    for case in cases:
        assert case.is_passed, case.name
        assert properties(case)["verdict"] == "pass"


def test_faulty_run_maps_each_verdict(faulty_bundle):
    _, cases, run = read(faulty_bundle)
    verdicts = {f'{c["id"]}': c["verdict"] for c in run["cases"]}
    assert {"fail", "inconc"} <= set(verdicts.values())
    for case in cases:
        case_id = case.name.split(":")[0]
        results = case.result
        verdict = verdicts[case_id]
        assert properties(case)["verdict"] == verdict
        assert properties(case)["clause"]
        if verdict == "fail":
            assert any(isinstance(r, Failure) for r in results), case.name
        elif verdict in ("error", "inconc"):
            assert any(isinstance(r, Error) for r in results), case.name
        elif verdict in ("not-selected", "skipped"):
            assert any(isinstance(r, Skipped) for r in results), case.name
        else:
            assert not results, case.name
