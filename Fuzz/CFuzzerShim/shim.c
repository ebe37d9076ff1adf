#include "CFuzzerShim.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/// Reads one file whole and passes it to the callback.
static int replay_file(const char *path, conform_fuzz_callback callback) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    size_t capacity = 4096, size = 0;
    uint8_t *data = malloc(capacity);
    size_t count;
    while (data != NULL && (count = fread(data + size, 1, capacity - size, file)) > 0) {
        size += count;
        if (size == capacity) {
            capacity *= 2;
            uint8_t *grown = realloc(data, capacity);
            if (grown == NULL) { free(data); data = NULL; }
            else data = grown;
        }
    }
    fclose(file);
    if (data == NULL) {
        fprintf(stderr, "replay: out of memory reading %s\n", path);
        return 1;
    }
    callback(data, size);
    free(data);
    return 0;
}

static int replay_path(const char *path, conform_fuzz_callback callback, int *replayed) {
    struct stat status;
    if (stat(path, &status) != 0) {
        fprintf(stderr, "replay: no such file or directory: %s\n", path);
        return 1;
    }
    if (!S_ISDIR(status.st_mode)) {
        *replayed += 1;
        return replay_file(path, callback);
    }
    DIR *directory = opendir(path);
    if (directory == NULL) {
        fprintf(stderr, "replay: cannot open directory %s\n", path);
        return 1;
    }
    int failed = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        char *child = malloc(length);
        if (child == NULL) { failed = 1; break; }
        snprintf(child, length, "%s/%s", path, entry->d_name);
        struct stat child_status;
        if (stat(child, &child_status) == 0 && S_ISREG(child_status.st_mode)) {
            *replayed += 1;
            failed |= replay_file(child, callback);
        }
        free(child);
    }
    closedir(directory);
    return failed;
}

int conform_fuzz_main(int argc, char **argv, conform_fuzz_callback callback) {
    if (LLVMFuzzerRunDriver != NULL) {
        return LLVMFuzzerRunDriver(&argc, &argv, callback);
    }
    int failed = 0, replayed = 0;
    for (int index = 1; index < argc; index++) {
        if (argv[index][0] == '-') continue;
        failed |= replay_path(argv[index], callback, &replayed);
    }
    fprintf(stderr, "replayed %d inputs without the fuzzer\n", replayed);
    return failed;
}
