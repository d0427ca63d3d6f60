/*
 * udp_batch.c — batched UDP I/O for the transport workers: one recvmmsg/sendmmsg per batch
 * instead of one syscall per datagram, and UDP GSO (UDP_SEGMENT, Linux 4.18) / GRO (UDP_GRO,
 * Linux 5.0) where the kernel has them. No allocation: the mmsghdr/iovec/cmsg arrays live on the
 * stack, GW_UDP_MAX_BATCH at a time. Also the workers' idle wait: poll over the socket and an eventfd.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gateway_native.h"

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

/* The ancillary space one received message needs for its UDP_GRO segment size (an int). */
#define GW_UDP_CMSG_SPACE CMSG_SPACE(sizeof(int))

static int valid_addr(const uint8_t *addr, int32_t addr_len)
{
    if (addr == NULL) {
        return 0;
    }
    sa_family_t family;
    if (addr_len == (int32_t)sizeof(struct sockaddr_in)) {
        memcpy(&family, addr + offsetof(struct sockaddr_in, sin_family), sizeof family);
        return family == AF_INET;
    }
    if (addr_len == (int32_t)sizeof(struct sockaddr_in6)) {
        memcpy(&family, addr + offsetof(struct sockaddr_in6, sin6_family), sizeof family);
        return family == AF_INET6;
    }
    return 0;
}

int32_t gw_udp_open(const uint8_t *addr, int32_t addr_len, int32_t flags, int32_t *out_fd)
{
    if (out_fd == NULL || !valid_addr(addr, addr_len) || (flags & ~(GW_UDP_REUSEPORT | GW_UDP_GRO | GW_UDP_BLOCKING_RECEIVE)) != 0) {
        return GW_ERR_ARGUMENT;
    }
    *out_fd = -1;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    memcpy(&ss, addr, (size_t)addr_len);
    /* Every other call passes MSG_DONTWAIT, so only gw_udp_recv_batch_wait ever blocks on a blocking socket. */
    int type = SOCK_DGRAM | SOCK_CLOEXEC | ((flags & GW_UDP_BLOCKING_RECEIVE) != 0 ? 0 : SOCK_NONBLOCK);
    int fd = socket(ss.ss_family, type, IPPROTO_UDP);
    if (fd < 0) {
        return GW_ERR_SYSTEM(errno);
    }
    int one = 1;
    if ((flags & GW_UDP_REUSEPORT) != 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
        int e = errno;
        close(fd);
        return GW_ERR_SYSTEM(e);
    }
    if ((flags & GW_UDP_GRO) != 0) {
        /* Best effort: a kernel without UDP_GRO still receives, one datagram per message. */
        (void)setsockopt(fd, SOL_UDP, UDP_GRO, &one, sizeof one);
    }
    if (bind(fd, (const struct sockaddr *)&ss, (socklen_t)addr_len) != 0) {
        int e = errno;
        close(fd);
        return GW_ERR_SYSTEM(e);
    }
    *out_fd = fd;
    return GW_OK;
}

int32_t gw_udp_local_address(int32_t fd, uint8_t *addr, int32_t *len)
{
    if (addr == NULL || len == NULL || *len < 0) {
        return GW_ERR_ARGUMENT;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
        return GW_ERR_SYSTEM(errno);
    }
    if ((int32_t)sl > *len) {
        return GW_ERR_ARGUMENT;
    }
    memcpy(addr, &ss, sl);
    *len = (int32_t)sl;
    return GW_OK;
}

int32_t gw_udp_gro_enabled(int32_t fd)
{
    int v = 0;
    socklen_t vl = sizeof v;
    if (getsockopt(fd, SOL_UDP, UDP_GRO, &v, &vl) != 0) {
        return errno == ENOPROTOOPT || errno == EINVAL ? 0 : GW_ERR_SYSTEM(errno);
    }
    return v != 0;
}

int32_t gw_udp_close(int32_t fd)
{
    /* No retry on EINTR: on Linux the descriptor is released whatever close reports. */
    return close(fd) == 0 || errno == EINTR ? GW_OK : GW_ERR_SYSTEM(errno);
}

/* One recvmmsg of at most GW_UDP_MAX_BATCH messages: count received, or a negative status. */
static int32_t recv_chunk(int fd, gw_udp_msg *msgs, int n, int call_flags)
{
    struct mmsghdr hdr[GW_UDP_MAX_BATCH];
    struct iovec iov[GW_UDP_MAX_BATCH];
    union {
        char buf[GW_UDP_MAX_BATCH][GW_UDP_CMSG_SPACE];
        struct cmsghdr align;
    } control;
    memset(hdr, 0, sizeof(hdr[0]) * (size_t)n);
    for (int i = 0; i < n; i++) {
        iov[i].iov_base = msgs[i].buffer;
        iov[i].iov_len = (size_t)msgs[i].capacity;
        hdr[i].msg_hdr.msg_name = msgs[i].addr;
        hdr[i].msg_hdr.msg_namelen = GW_UDP_ADDR_MAX;
        hdr[i].msg_hdr.msg_iov = &iov[i];
        hdr[i].msg_hdr.msg_iovlen = 1;
        hdr[i].msg_hdr.msg_control = control.buf[i];
        hdr[i].msg_hdr.msg_controllen = GW_UDP_CMSG_SPACE;
    }
    int got;
    do {
        got = recvmmsg(fd, hdr, (unsigned)n, call_flags, NULL);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : GW_ERR_SYSTEM(errno);
    }
    for (int i = 0; i < got; i++) {
        gw_udp_msg *m = &msgs[i];
        /* Without MSG_TRUNC in the call flags msg_len is what was stored, never more than capacity. */
        m->length = (int32_t)hdr[i].msg_len;
        m->addr_len = (int32_t)hdr[i].msg_hdr.msg_namelen;
        m->flags = (hdr[i].msg_hdr.msg_flags & MSG_TRUNC) != 0 ? GW_UDP_MSG_TRUNCATED : 0;
        m->segment_size = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&hdr[i].msg_hdr); c != NULL; c = CMSG_NXTHDR(&hdr[i].msg_hdr, c)) {
            if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
                int seg;
                memcpy(&seg, CMSG_DATA(c), sizeof seg);
                /* The kernel reports gso_size even for a lone datagram; only a coalesced read is a batch. */
                m->segment_size = seg > 0 && seg < m->length ? seg : 0;
            }
        }
    }
    return got;
}

int32_t gw_udp_recv_batch(int32_t fd, gw_udp_msg *msgs, int32_t count)
{
    if (msgs == NULL || count < 0) {
        return GW_ERR_ARGUMENT;
    }
    for (int32_t i = 0; i < count; i++) {
        if (msgs[i].buffer == NULL || msgs[i].capacity < 0) {
            return GW_ERR_ARGUMENT;
        }
    }
    int32_t total = 0;
    while (total < count) {
        int n = count - total > GW_UDP_MAX_BATCH ? GW_UDP_MAX_BATCH : (int)(count - total);
        int32_t got = recv_chunk(fd, msgs + total, n, MSG_DONTWAIT);
        if (got < 0) {
            /* Report what arrived; the failure recurs on the next call if it is lasting. */
            return total > 0 ? total : got;
        }
        total += got;
        if (got < n) {
            break;
        }
    }
    return total;
}

int32_t gw_udp_recv_batch_wait(int32_t fd, gw_udp_msg *msgs, int32_t count)
{
    if (msgs == NULL || count < 0 || count > GW_UDP_MAX_BATCH) {
        return GW_ERR_ARGUMENT;
    }
    for (int32_t i = 0; i < count; i++) {
        if (msgs[i].buffer == NULL || msgs[i].capacity < 0) {
            return GW_ERR_ARGUMENT;
        }
    }
    if (count == 0) {
        return 0;
    }
    /* Blocks (on a socket opened with GW_UDP_BLOCKING_RECEIVE) until the first datagram or SO_RCVTIMEO, then takes
       what else is there without waiting: what the C relay's one recvmmsg per wake does, with no poll before it.
       A signal (EINTR) is retried inside recv_chunk; the timeout is EAGAIN, reported as 0. */
    return recv_chunk(fd, msgs, (int)count, MSG_WAITFORONE);
}

int32_t gw_udp_set_receive_timeout(int32_t fd, int32_t timeout_ms)
{
    if (timeout_ms < 0) {
        return GW_ERR_ARGUMENT;
    }
    struct timeval tv;
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0 ? GW_OK : GW_ERR_SYSTEM(errno);
}

/* A message's control buffer: room for one UDP_SEGMENT cmsg (CMSG_SPACE is a multiple of the cmsghdr alignment). */
#define SEGMENT_CONTROL_SIZE CMSG_SPACE(sizeof(uint16_t))

/* Whether errno after a send that carried UDP_SEGMENT means the kernel (or device) cannot segment. */
static int segmentation_refused(int e)
{
    /* Pre-4.18 kernels (and emulators) reject the cmsg; EIO is a device without checksum offload. */
    return e == EINVAL || e == ENOPROTOOPT || e == EOPNOTSUPP || e == EIO;
}

/*
 * One sendmmsg of at most GW_UDP_MAX_BATCH headers built from msgs[0..n): a message and the GW_UDP_MSG_CONTINUES
 * messages after it share one msghdr (one iovec each), so a fan-out's GSO runs to ten subscribers go in one call
 * however many packets they hold (up to GW_UDP_MAX_SEND_IOV buffers). Sets *taken to how many of msgs the call
 * carried (whole runs only: gw_udp_send_batch refuses a run of more buffers than one call carries). Returns how
 * many of them went, 0 when the socket is full, or a negative status.
 */
static int32_t send_chunk(int fd, const gw_udp_msg *msgs, int n, int *taken)
{
    struct mmsghdr hdr[GW_UDP_MAX_BATCH];
    struct iovec iov[GW_UDP_MAX_SEND_IOV];
    int first[GW_UDP_MAX_BATCH + 1]; /* first[h]: the index in msgs of header h's first message */
    _Alignas(struct cmsghdr) char control[GW_UDP_MAX_BATCH][SEGMENT_CONTROL_SIZE];
    int headers = 0;
    int i = 0;
    while (i < n && i < GW_UDP_MAX_SEND_IOV) {
        if (headers > 0 && (msgs[i].flags & GW_UDP_MSG_CONTINUES) != 0) {
            /* Gather into the open message. */
        } else {
            if (headers == GW_UDP_MAX_BATCH) {
                break;
            }
            /* A run that would not fit whole in the iovecs left waits for the next call (unless it is the first). */
            int run_end = i + 1;
            while (run_end < n && (msgs[run_end].flags & GW_UDP_MSG_CONTINUES) != 0) {
                run_end++;
            }
            if (headers > 0 && run_end > GW_UDP_MAX_SEND_IOV) {
                break;
            }
            struct msghdr *mh = &hdr[headers].msg_hdr;
            memset(&hdr[headers], 0, sizeof hdr[headers]);
            first[headers] = i;
            /* sendmmsg takes a non-const name; the kernel only reads it. */
            mh->msg_name = (void *)(uintptr_t)msgs[i].addr;
            mh->msg_namelen = (socklen_t)msgs[i].addr_len;
            mh->msg_iov = &iov[i];
            mh->msg_iovlen = 0;
            int gathers = i + 1 < n && (msgs[i + 1].flags & GW_UDP_MSG_CONTINUES) != 0;
            if (msgs[i].segment_size > 0 && (msgs[i].segment_size < msgs[i].length || gathers)) {
                /* GSO per message: the kernel cuts the (gathered) bytes into segment_size datagrams, the last may be shorter. */
                memset(control[headers], 0, sizeof control[headers]);
                mh->msg_control = control[headers];
                mh->msg_controllen = sizeof control[headers];
                struct cmsghdr *c = CMSG_FIRSTHDR(mh);
                c->cmsg_level = SOL_UDP;
                c->cmsg_type = UDP_SEGMENT;
                c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
                uint16_t seg = (uint16_t)msgs[i].segment_size;
                memcpy(CMSG_DATA(c), &seg, sizeof seg);
            }
            headers++;
        }
        iov[i].iov_base = msgs[i].buffer;
        iov[i].iov_len = (size_t)msgs[i].length;
        hdr[headers - 1].msg_hdr.msg_iovlen++;
        i++;
    }
    *taken = i;
    first[headers] = i;
    int sent;
    do {
        sent = sendmmsg(fd, hdr, (unsigned)headers, MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        int e = errno;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            return 0;
        }
        /* sendmmsg fails only on the first message (later failures end the count early). */
        return msgs[0].segment_size > 0 && segmentation_refused(e) ? GW_ERR_UNSUPPORTED : GW_ERR_SYSTEM(e);
    }
    return first[sent];
}

int32_t gw_udp_send_batch(int32_t fd, const gw_udp_msg *msgs, int32_t count)
{
    if (msgs == NULL || count < 0) {
        return GW_ERR_ARGUMENT;
    }
    int run = 0;
    for (int32_t i = 0; i < count; i++) {
        /* A gathered buffer's address is never read (the run's first message names the destination). */
        int continues = i > 0 && (msgs[i].flags & GW_UDP_MSG_CONTINUES) != 0;
        run = continues ? run + 1 : 1;
        if (msgs[i].buffer == NULL || msgs[i].length < 0 || msgs[i].length > msgs[i].capacity ||
            msgs[i].segment_size < 0 || msgs[i].segment_size > 0xffff || run > GW_UDP_MAX_SEND_IOV ||
            (!continues && !valid_addr(msgs[i].addr, msgs[i].addr_len))) {
            return GW_ERR_ARGUMENT;
        }
    }
    int32_t total = 0;
    while (total < count) {
        int taken = 0;
        int32_t sent = send_chunk(fd, msgs + total, (int)(count - total), &taken);
        if (sent < 0) {
            return total > 0 ? total : sent;
        }
        total += sent;
        if (sent < taken) {
            break;
        }
    }
    return total;
}

int32_t gw_udp_send_gso(int32_t fd, const uint8_t *buffer, int32_t total_length, int32_t segment_size,
                        const uint8_t *addr, int32_t addr_len)
{
    if (buffer == NULL || total_length < 0 || segment_size <= 0 || segment_size > 0xffff ||
        !valid_addr(addr, addr_len)) {
        return GW_ERR_ARGUMENT;
    }
    union {
        char buf[CMSG_SPACE(sizeof(uint16_t))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct iovec iov = { .iov_base = (void *)(uintptr_t)buffer, .iov_len = (size_t)total_length };
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_name = (void *)(uintptr_t)addr;
    mh.msg_namelen = (socklen_t)addr_len;
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = control.buf;
    mh.msg_controllen = sizeof control.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_UDP;
    c->cmsg_type = UDP_SEGMENT;
    c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
    uint16_t seg = (uint16_t)segment_size;
    memcpy(CMSG_DATA(c), &seg, sizeof seg);
    ssize_t sent;
    do {
        sent = sendmsg(fd, &mh, MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        int e = errno;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            return 0;
        }
        return segmentation_refused(e) ? GW_ERR_UNSUPPORTED : GW_ERR_SYSTEM(e);
    }
    return (int32_t)sent;
}

/* ---- Waiting for work: an eventfd to wake a worker, one poll over its socket and that event. ---- */

int32_t gw_event_open(int32_t *out_fd)
{
    if (out_fd == NULL) {
        return GW_ERR_ARGUMENT;
    }
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        *out_fd = -1;
        return GW_ERR_SYSTEM(errno);
    }
    *out_fd = fd;
    return GW_OK;
}

int32_t gw_event_signal(int32_t event_fd)
{
    uint64_t one = 1;
    ssize_t n;
    do {
        n = write(event_fd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
    /* EAGAIN means the counter is at its maximum: the event is signaled all the same. */
    return n == (ssize_t)sizeof one || (n < 0 && errno == EAGAIN) ? GW_OK : GW_ERR_SYSTEM(errno);
}

int32_t gw_event_close(int32_t event_fd)
{
    return close(event_fd) == 0 || errno == EINTR ? GW_OK : GW_ERR_SYSTEM(errno);
}

int32_t gw_udp_wait(int32_t fd, int32_t event_fd, int32_t timeout_ms)
{
    struct pollfd p[2];
    p[0].fd = fd;
    p[0].events = POLLIN;
    p[0].revents = 0;
    p[1].fd = event_fd;
    p[1].events = POLLIN;
    p[1].revents = 0;
    /* A negative descriptor is ignored by poll: event_fd -1 waits on the socket alone. */
    int n = poll(p, 2, timeout_ms < 0 ? -1 : timeout_ms);
    if (n < 0) {
        /* A signal (the runtime's GC suspension, for one) just ends the wait early. */
        return errno == EINTR ? 0 : GW_ERR_SYSTEM(errno);
    }
    if ((p[0].revents & POLLNVAL) != 0 || (p[1].revents & POLLNVAL) != 0) {
        return GW_ERR_SYSTEM(EBADF);
    }
    int32_t result = 0;
    if ((p[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) {
        result |= GW_WAIT_READABLE;
    }
    if ((p[1].revents & POLLIN) != 0) {
        uint64_t count;
        /* Reset: one read returns and zeroes the counter; EAGAIN means another reader got there first. */
        ssize_t r;
        do {
            r = read(event_fd, &count, sizeof count);
        } while (r < 0 && errno == EINTR);
        result |= GW_WAIT_SIGNALED;
    }
    return result;
}

static int set_buffer(int fd, int force_option, int option, int32_t bytes)
{
    int v = (int)bytes;
    if (setsockopt(fd, SOL_SOCKET, force_option, &v, sizeof v) == 0) {
        return 0;
    }
    return setsockopt(fd, SOL_SOCKET, option, &v, sizeof v) == 0 ? 0 : errno;
}

int32_t gw_udp_set_buffers(int32_t fd, int32_t receive_bytes, int32_t send_bytes)
{
    int e;
    if (receive_bytes > 0 && (e = set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, receive_bytes)) != 0) {
        return GW_ERR_SYSTEM(e);
    }
    if (send_bytes > 0 && (e = set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, send_bytes)) != 0) {
        return GW_ERR_SYSTEM(e);
    }
    return GW_OK;
}
