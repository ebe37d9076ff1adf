#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include "CLinuxNet.h"

int clinuxnet_enter_netns(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    int result = setns(fd, CLONE_NEWNET) == 0 ? 0 : errno;
    close(fd);
    return result;
}
