// What Glibc's Swift module lacks for live ports: AF_PACKET addresses, SO_TIMESTAMPING
// flags and error-queue records, the CMSG_* macros (which Swift cannot import) as static
// inline functions, and entering a network namespace.
#ifndef CLINUXNET_H
#define CLINUXNET_H

#include <stddef.h>
#include <sys/socket.h>
#include <netpacket/packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <linux/net_tstamp.h>
#include <linux/errqueue.h>

/// SO_TIMESTAMPING as the socket option and control-message type of this ABI.
static const int clinuxnet_so_timestamping = SO_TIMESTAMPING;

/// The first control message of `msg`, or NULL.
static inline struct cmsghdr *clinuxnet_cmsg_firsthdr(struct msghdr *msg) {
    return CMSG_FIRSTHDR(msg);
}

/// The control message after `cmsg`, or NULL.
static inline struct cmsghdr *clinuxnet_cmsg_nxthdr(struct msghdr *msg, struct cmsghdr *cmsg) {
    return CMSG_NXTHDR(msg, cmsg);
}

/// The payload of a control message.
static inline unsigned char *clinuxnet_cmsg_data(struct cmsghdr *cmsg) {
    return CMSG_DATA(cmsg);
}

/// Bytes of control buffer one message with a `length`-byte payload needs.
static inline size_t clinuxnet_cmsg_space(size_t length) {
    return CMSG_SPACE(length);
}

/// Moves the calling thread into the network namespace whose handle is the file at `path`
/// (e.g. /var/run/netns/NAME), as setns(2) with CLONE_NEWNET.
/// Returns 0, or the errno of the open or setns that failed.
int clinuxnet_enter_netns(const char *path);

#endif
