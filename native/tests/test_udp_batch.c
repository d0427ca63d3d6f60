/*
 * test_udp_batch.c — the udp_batch group: two sockets on 127.0.0.1 exchanging batches through
 * gw_udp_send_batch / gw_udp_recv_batch, a GSO send, the empty-queue and bad-descriptor cases, and
 * the idle wait (gw_udp_wait over a socket and a gw_event_* eventfd).
 * Where the platform (qemu-user, an old kernel) lacks a feature, the group prints a note and skips it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_groups.h"
#include "test_harness.h"

#define BATCH 32
#define GSO_SEGMENTS 10
#define GSO_SEGMENT_SIZE 100

static void loopback(struct sockaddr_in *sin)
{
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static int open_loopback(int32_t flags, int32_t *fd, struct sockaddr_in *bound)
{
    struct sockaddr_in sin;
    loopback(&sin);
    int32_t st = gw_udp_open((const uint8_t *)&sin, (int32_t)sizeof sin, flags, fd);
    if (!GW_EXPECT_STATUS(st, GW_OK, "gw_udp_open")) {
        return 0;
    }
    int32_t len = (int32_t)sizeof *bound;
    st = gw_udp_local_address(*fd, (uint8_t *)bound, &len);
    GW_EXPECT_STATUS(st, GW_OK, "gw_udp_local_address");
    GW_CHECK(len == (int32_t)sizeof *bound && bound->sin_port != 0, "bound address: len %d port %d", (int)len,
             (int)ntohs(bound->sin_port));
    return 1;
}

/* Waits (bounded) until fd is readable, so the test does not race the loopback delivery. */
static void wait_readable(int32_t fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    (void)poll(&p, 1, 2000);
}

/* Receives until want datagrams (or a GRO-coalesced equivalent) arrived or nothing more comes. */
static int recv_all(int32_t fd, gw_udp_msg *msgs, int want)
{
    int total = 0;
    for (int tries = 0; total < want && tries < 50; tries++) {
        wait_readable(fd);
        int32_t got = gw_udp_recv_batch(fd, msgs + total, want - total);
        if (got < 0) {
            GW_EXPECT_STATUS(got, GW_OK, "gw_udp_recv_batch");
            return total;
        }
        total += got;
    }
    return total;
}

static void test_batch_roundtrip(void)
{
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(0, &b, &addr_b)) {
        return;
    }
    static uint8_t out[BATCH][256], in[BATCH][256];
    gw_udp_msg send[BATCH], recv[BATCH];
    memset(send, 0, sizeof send);
    memset(recv, 0, sizeof recv);
    for (int i = 0; i < BATCH; i++) {
        int len = 1 + i * 7; /* distinct sizes, 1 to 218 */
        for (int j = 0; j < len; j++) {
            out[i][j] = (uint8_t)(i * 31 + j);
        }
        send[i].buffer = out[i];
        send[i].capacity = (int32_t)sizeof out[i];
        send[i].length = len;
        memcpy(send[i].addr, &addr_b, sizeof addr_b);
        send[i].addr_len = (int32_t)sizeof addr_b;
        recv[i].buffer = in[i];
        recv[i].capacity = (int32_t)sizeof in[i];
    }
    int32_t sent = gw_udp_send_batch(a, send, BATCH);
    GW_CHECK(sent == BATCH, "send_batch sent %d of %d", (int)sent, BATCH);
    int got = recv_all(b, recv, BATCH);
    GW_CHECK(got == BATCH, "recv_batch received %d of %d", got, BATCH);
    for (int i = 0; i < got; i++) {
        GW_CHECK(recv[i].length == send[i].length, "datagram %d: length %d, want %d", i, (int)recv[i].length,
                 (int)send[i].length);
        if (recv[i].length == send[i].length) {
            GW_EXPECT_BYTES(in[i], out[i], (size_t)recv[i].length, "datagram contents");
        }
        GW_CHECK(recv[i].flags == 0 && recv[i].segment_size == 0, "datagram %d: flags %d segment %d", i,
                 (int)recv[i].flags, (int)recv[i].segment_size);
        GW_CHECK(recv[i].addr_len == (int32_t)sizeof addr_a && memcmp(recv[i].addr, &addr_a, sizeof addr_a) == 0,
                 "datagram %d: source address differs from the sender's", i);
    }
    /* Nothing left: EAGAIN is 0, not an error. */
    GW_EXPECT_STATUS(gw_udp_recv_batch(b, recv, BATCH), 0, "recv_batch on an empty queue");

    /* A datagram longer than its buffer: the stored prefix and the truncation flag. */
    send[0].length = 200;
    recv[0].capacity = 16;
    GW_CHECK(gw_udp_send_batch(a, send, 1) == 1, "send of the long datagram");
    got = recv_all(b, recv, 1);
    GW_CHECK(got == 1 && recv[0].length == 16 && recv[0].flags == GW_UDP_MSG_TRUNCATED,
             "truncated receive: got %d length %d flags %d", got, (int)recv[0].length, (int)recv[0].flags);

    GW_EXPECT_STATUS(gw_udp_close(a), GW_OK, "close a");
    GW_EXPECT_STATUS(gw_udp_close(b), GW_OK, "close b");
}

/* GSO through gw_udp_send_gso, or gw_udp_send_batch: one message with segment_size set (via_batch 1) or a run
 * gathered from one message per segment (via_batch 2). */
static void test_gso(int32_t receiver_flags, int via_batch)
{
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(receiver_flags, &b, &addr_b)) {
        return;
    }
    int gro = gw_udp_gro_enabled(b);
    GW_CHECK(gro == 0 || gro == 1, "gw_udp_gro_enabled: %d", gro);
    static uint8_t payload[GSO_SEGMENTS * GSO_SEGMENT_SIZE];
    for (size_t i = 0; i < sizeof payload; i++) {
        payload[i] = (uint8_t)(i * 13 + 7);
    }
    int32_t sent;
    if (via_batch == 2) {
        /* The run gathered from ten buffers, one per segment: the first carries segment_size, the rest CONTINUES. */
        gw_udp_msg m[GSO_SEGMENTS];
        memset(m, 0, sizeof m);
        for (int i = 0; i < GSO_SEGMENTS; i++) {
            m[i].buffer = payload + i * GSO_SEGMENT_SIZE;
            m[i].capacity = m[i].length = GSO_SEGMENT_SIZE;
            m[i].flags = i == 0 ? 0 : GW_UDP_MSG_CONTINUES;
            memcpy(m[i].addr, &addr_b, sizeof addr_b);
            m[i].addr_len = (int32_t)sizeof addr_b;
        }
        m[0].segment_size = GSO_SEGMENT_SIZE;
        sent = gw_udp_send_batch(a, m, GSO_SEGMENTS);
        GW_CHECK(sent == GSO_SEGMENTS || sent == GW_ERR_UNSUPPORTED, "gathered send_batch returned %d", (int)sent);
        sent = sent == GSO_SEGMENTS ? (int32_t)sizeof payload : sent;
    } else if (via_batch) {
        gw_udp_msg m;
        memset(&m, 0, sizeof m);
        m.buffer = payload;
        m.capacity = m.length = (int32_t)sizeof payload;
        m.segment_size = GSO_SEGMENT_SIZE;
        memcpy(m.addr, &addr_b, sizeof addr_b);
        m.addr_len = (int32_t)sizeof addr_b;
        sent = gw_udp_send_batch(a, &m, 1);
        GW_CHECK(sent == 1 || sent == GW_ERR_UNSUPPORTED, "send_batch with segment_size returned %d", (int)sent);
        sent = sent == 1 ? (int32_t)sizeof payload : sent;
    } else {
        sent = gw_udp_send_gso(a, payload, (int32_t)sizeof payload, GSO_SEGMENT_SIZE, (const uint8_t *)&addr_b,
                               (int32_t)sizeof addr_b);
    }
    if (sent == GW_ERR_UNSUPPORTED) {
        gw_test_note("note: UDP_SEGMENT refused here (old kernel or emulator): GSO receive check skipped");
        GW_CHECK(1, "GSO skipped");
    } else {
        GW_CHECK(sent == (int32_t)sizeof payload, "send_gso returned %d", (int)sent);
        static uint8_t in[GSO_SEGMENTS][sizeof payload];
        gw_udp_msg recv[GSO_SEGMENTS];
        memset(recv, 0, sizeof recv);
        for (int i = 0; i < GSO_SEGMENTS; i++) {
            recv[i].buffer = in[i];
            recv[i].capacity = (int32_t)sizeof in[i];
        }
        /* Either 10 datagrams of 100 bytes, or (GRO) fewer reads each carrying several segments. */
        int bytes = 0, segments = 0, reads = 0;
        for (int tries = 0; bytes < (int)sizeof payload && tries < 50; tries++) {
            wait_readable(b);
            int32_t got = gw_udp_recv_batch(b, recv, GSO_SEGMENTS);
            if (got < 0) {
                GW_EXPECT_STATUS(got, GW_OK, "recv after GSO");
                break;
            }
            for (int i = 0; i < got; i++) {
                int seg = recv[i].segment_size != 0 ? recv[i].segment_size : recv[i].length;
                GW_CHECK(seg == GSO_SEGMENT_SIZE, "segment size %d", seg);
                GW_CHECK(recv[i].segment_size == 0 || gro == 1, "segment_size set without GRO");
                if (bytes + recv[i].length <= (int)sizeof payload) {
                    GW_EXPECT_BYTES(in[i], payload + bytes, (size_t)recv[i].length, "GSO segment contents");
                }
                bytes += recv[i].length;
                segments += (recv[i].length + seg - 1) / seg;
                reads++;
            }
        }
        gw_test_note("GSO of %d segments arrived in %d reads (receiver GRO %s)", GSO_SEGMENTS, reads, gro == 1 ? "on" : "off");
        GW_CHECK(bytes == (int)sizeof payload && segments == GSO_SEGMENTS, "GSO: %d bytes, %d segments in %d reads",
                 bytes, segments, reads);
        GW_CHECK(gro == 1 || reads == GSO_SEGMENTS, "without GRO each segment is its own datagram (%d reads)", reads);
    }
    gw_udp_close(a);
    gw_udp_close(b);
}

static void test_errors(void)
{
    uint8_t buf[16];
    gw_udp_msg m;
    memset(&m, 0, sizeof m);
    m.buffer = buf;
    m.capacity = (int32_t)sizeof buf;
    int32_t st = gw_udp_recv_batch(-1, &m, 1);
    GW_CHECK(st == GW_ERR_SYSTEM(EBADF), "recv on a bad fd: %d", (int)st);
    struct sockaddr_in sin;
    loopback(&sin);
    sin.sin_port = htons(9);
    memcpy(m.addr, &sin, sizeof sin);
    m.addr_len = (int32_t)sizeof sin;
    st = gw_udp_send_batch(-1, &m, 1);
    GW_CHECK(st == GW_ERR_SYSTEM(EBADF), "send on a bad fd: %d", (int)st);
    GW_EXPECT_STATUS(gw_udp_recv_batch(-1, NULL, 1), GW_ERR_ARGUMENT, "recv with NULL msgs");
    GW_EXPECT_STATUS(gw_udp_recv_batch(-1, &m, -1), GW_ERR_ARGUMENT, "recv with count -1");
    m.addr_len = 3;
    GW_EXPECT_STATUS(gw_udp_send_batch(-1, &m, 1), GW_ERR_ARGUMENT, "send with a bad address length");
    int32_t fd = 123;
    GW_EXPECT_STATUS(gw_udp_open((const uint8_t *)&sin, 5, 0, &fd), GW_ERR_ARGUMENT, "open with a bad address");
    GW_EXPECT_STATUS(gw_udp_open((const uint8_t *)&sin, (int32_t)sizeof sin, 0x40, &fd), GW_ERR_ARGUMENT,
                     "open with an unknown flag");
    GW_EXPECT_STATUS(gw_udp_send_gso(-1, buf, 16, 0, (const uint8_t *)&sin, (int32_t)sizeof sin), GW_ERR_ARGUMENT,
                     "GSO with segment size 0");
}

/* A larger batch than one syscall carries, sent and received in chunks. */
static void test_chunks(void)
{
    enum { N = GW_UDP_MAX_BATCH + 36 };
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(0, &b, &addr_b)) {
        return;
    }
    static uint8_t data[N][8];
    gw_udp_msg msgs[N];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < N; i++) {
        memcpy(data[i], &i, sizeof i);
        msgs[i].buffer = data[i];
        msgs[i].capacity = 8;
        msgs[i].length = (int32_t)sizeof i;
        memcpy(msgs[i].addr, &addr_b, sizeof addr_b);
        msgs[i].addr_len = (int32_t)sizeof addr_b;
    }
    GW_CHECK(gw_udp_send_batch(a, msgs, N) == N, "chunked send");
    memset(data, 0, sizeof data);
    int got = recv_all(b, msgs, N);
    GW_CHECK(got == N, "chunked receive: %d of %d", got, N);
    for (int i = 0; i < got; i++) {
        int v;
        memcpy(&v, data[i], sizeof v);
        GW_CHECK(v == i && msgs[i].length == (int32_t)sizeof v, "chunked datagram %d holds %d", i, v);
    }
    gw_udp_close(a);
    gw_udp_close(b);
}

/*
 * Ten gathered GSO runs of 16 buffers (a frame fanned out to ten subscribers): more buffers than GW_UDP_MAX_BATCH,
 * all sent by one gw_udp_send_batch and received whole and in order (no GRO on the receiver: one datagram each).
 */
static void test_gathered_runs(void)
{
    enum { RUNS = 10, PER_RUN = 16, SEG = 40, N = RUNS * PER_RUN };
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(0, &b, &addr_b)) {
        return;
    }
    static uint8_t data[N][SEG];
    gw_udp_msg msgs[N];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < N; i++) {
        memset(data[i], (uint8_t)i, SEG);
        memcpy(data[i], &i, sizeof i);
        msgs[i].buffer = data[i];
        msgs[i].capacity = msgs[i].length = SEG;
        msgs[i].flags = i % PER_RUN == 0 ? 0 : GW_UDP_MSG_CONTINUES;
        msgs[i].segment_size = i % PER_RUN == 0 ? SEG : 0;
        /* Only a run's first message names the destination; gathered buffers carry no address. */
        if (i % PER_RUN == 0) {
            memcpy(msgs[i].addr, &addr_b, sizeof addr_b);
            msgs[i].addr_len = (int32_t)sizeof addr_b;
        }
    }
    int32_t sent = gw_udp_send_batch(a, msgs, N);
    if (sent == GW_ERR_UNSUPPORTED) {
        gw_test_note("note: UDP_SEGMENT refused here: gathered runs check skipped");
        GW_CHECK(1, "gathered runs skipped");
    } else {
        GW_CHECK(sent == N, "ten gathered runs: send_batch returned %d of %d", (int)sent, N);
        static uint8_t in[N][SEG * 2];
        gw_udp_msg recv[N];
        memset(recv, 0, sizeof recv);
        for (int i = 0; i < N; i++) {
            recv[i].buffer = in[i];
            recv[i].capacity = (int32_t)sizeof in[i];
        }
        int got = recv_all(b, recv, N);
        GW_CHECK(got == N, "gathered runs: received %d of %d datagrams", got, N);
        for (int i = 0; i < got; i++) {
            GW_CHECK(recv[i].length == SEG, "datagram %d is %d bytes", i, (int)recv[i].length);
            GW_EXPECT_BYTES(in[i], data[i], SEG, "gathered datagram contents in order");
        }
    }
    gw_udp_close(a);
    gw_udp_close(b);
}

/* A run of more buffers than one sendmmsg carries is refused up front, and a run's first message needs an address. */
static void test_run_limits(void)
{
    enum { N = GW_UDP_MAX_SEND_IOV + 1 };
    static uint8_t byte;
    static gw_udp_msg msgs[N];
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(9);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < N; i++) {
        msgs[i].buffer = &byte;
        msgs[i].capacity = msgs[i].length = 1;
        msgs[i].flags = i == 0 ? 0 : GW_UDP_MSG_CONTINUES;
    }
    memcpy(msgs[0].addr, &sin, sizeof sin);
    msgs[0].addr_len = (int32_t)sizeof sin;
    msgs[0].segment_size = 1;
    GW_EXPECT_STATUS(gw_udp_send_batch(-1, msgs, N), GW_ERR_ARGUMENT, "a run longer than GW_UDP_MAX_SEND_IOV");
    msgs[0].addr_len = 0;
    GW_EXPECT_STATUS(gw_udp_send_batch(-1, msgs, 2), GW_ERR_ARGUMENT, "a run whose first message has no address");
}

/* gw_udp_wait: times out on an idle socket, wakes on a signal (and resets it), reports a readable socket. */
static void test_wait(void)
{
    int32_t ev;
    if (!GW_EXPECT_STATUS(gw_event_open(&ev), GW_OK, "gw_event_open")) {
        return;
    }
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(0, &b, &addr_b)) {
        gw_event_close(ev);
        return;
    }
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 0), 0, "wait on an idle socket and event");
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 20), 0, "wait times out");
    GW_EXPECT_STATUS(gw_event_signal(ev), GW_OK, "gw_event_signal");
    GW_EXPECT_STATUS(gw_event_signal(ev), GW_OK, "gw_event_signal twice");
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 2000), GW_WAIT_SIGNALED, "wait wakes on the signal");
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 0), 0, "the wait reset the event");

    uint8_t payload[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    gw_udp_msg m;
    memset(&m, 0, sizeof m);
    m.buffer = payload;
    m.capacity = (int32_t)sizeof payload;
    m.length = (int32_t)sizeof payload;
    memcpy(m.addr, &addr_b, sizeof addr_b);
    m.addr_len = (int32_t)sizeof addr_b;
    GW_CHECK(gw_udp_send_batch(a, &m, 1) == 1, "send one datagram");
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 2000), GW_WAIT_READABLE, "wait sees the datagram");
    GW_EXPECT_STATUS(gw_udp_wait(b, -1, 0), GW_WAIT_READABLE, "wait without an event");
    GW_EXPECT_STATUS(gw_event_signal(ev), GW_OK, "signal with a datagram waiting");
    GW_EXPECT_STATUS(gw_udp_wait(b, ev, 0), GW_WAIT_READABLE | GW_WAIT_SIGNALED, "both bits");

    /* Buffers: set (the kernel may cap them) and read back non-zero; a bad descriptor fails. */
    GW_EXPECT_STATUS(gw_udp_set_buffers(b, 1 << 20, 1 << 20), GW_OK, "gw_udp_set_buffers");
    GW_EXPECT_STATUS(gw_udp_set_buffers(b, 0, 0), GW_OK, "gw_udp_set_buffers(0, 0) changes nothing");
    int rcv = 0;
    socklen_t rl = sizeof rcv;
    GW_CHECK(getsockopt(b, SOL_SOCKET, SO_RCVBUF, &rcv, &rl) == 0 && rcv > 0, "SO_RCVBUF after set: %d", rcv);
    GW_CHECK(gw_udp_set_buffers(-1, 4096, 0) < 0, "gw_udp_set_buffers on a bad descriptor");
    GW_EXPECT_STATUS(gw_event_open(NULL), GW_ERR_ARGUMENT, "gw_event_open(NULL)");
    GW_EXPECT_STATUS(gw_udp_wait(-1, 1000000, 0), GW_ERR_SYSTEM(EBADF), "wait on a closed descriptor");
    GW_EXPECT_STATUS(gw_event_close(ev), GW_OK, "gw_event_close");
    gw_udp_close(a);
    gw_udp_close(b);
}

/* gw_udp_recv_batch_wait on a GW_UDP_BLOCKING_RECEIVE socket: times out with 0, returns what is there at once,
   blocks until a datagram comes; the other calls on it still never block. */
static void test_recv_wait(void)
{
    int32_t a, b;
    struct sockaddr_in addr_a, addr_b;
    if (!open_loopback(0, &a, &addr_a) || !open_loopback(GW_UDP_BLOCKING_RECEIVE, &b, &addr_b)) {
        return;
    }
    uint8_t rbuf[4][64];
    gw_udp_msg r[4];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 4; i++) {
        r[i].buffer = rbuf[i];
        r[i].capacity = 64;
    }
    GW_EXPECT_STATUS(gw_udp_recv_batch(b, r, 4), 0, "the non-waiting receive does not block on a blocking socket");
    GW_EXPECT_STATUS(gw_udp_set_receive_timeout(b, 30), GW_OK, "gw_udp_set_receive_timeout");
    GW_EXPECT_STATUS(gw_udp_recv_batch_wait(b, r, 4), 0, "the waiting receive times out with 0");

    uint8_t payload[3][8];
    gw_udp_msg m[3];
    memset(m, 0, sizeof m);
    for (int i = 0; i < 3; i++) {
        memset(payload[i], 0x10 + i, sizeof payload[i]);
        m[i].buffer = payload[i];
        m[i].capacity = 8;
        m[i].length = 8;
        memcpy(m[i].addr, &addr_b, sizeof addr_b);
        m[i].addr_len = (int32_t)sizeof addr_b;
    }
    GW_CHECK(gw_udp_send_batch(a, m, 3) == 3, "send three datagrams");
    wait_readable(b);
    GW_EXPECT_STATUS(gw_udp_set_receive_timeout(b, 2000), GW_OK, "a longer timeout");
    int32_t got = gw_udp_recv_batch_wait(b, r, 4);
    int32_t more = got >= 0 && got < 3 ? gw_udp_recv_batch(b, r + got, 3 - got) : 0;
    GW_CHECK(got >= 1 && got + more == 3, "the waiting receive took %d, then %d more", (int)got, (int)more);
    for (int i = 0; i < 3 && i < got + more; i++) {
        GW_CHECK(r[i].length == 8 && r[i].buffer[0] == 0x10 + i, "datagram %d in order", i);
        GW_CHECK(r[i].addr_len == (int32_t)sizeof addr_a && memcmp(r[i].addr + 2, &addr_a.sin_port, 2) == 0, "datagram %d source", i);
    }

    /* It blocks until a datagram comes (sent from another thread of control: a child process). */
    pid_t child = fork();
    if (child == 0) {
        usleep(50 * 1000);
        (void)gw_udp_send_batch(a, m, 1);
        _exit(0);
    }
    GW_CHECK(child > 0, "fork");
    GW_EXPECT_STATUS(gw_udp_set_receive_timeout(b, 0), GW_OK, "no timeout");
    got = gw_udp_recv_batch_wait(b, r, 1);
    GW_CHECK(got == 1 && r[0].buffer[0] == 0x10, "the blocked receive returned the later datagram (%d)", (int)got);
    if (child > 0) {
        int status;
        (void)waitpid(child, &status, 0);
    }

    GW_EXPECT_STATUS(gw_udp_recv_batch_wait(b, r, GW_UDP_MAX_BATCH + 1), GW_ERR_ARGUMENT, "more than one chunk");
    GW_EXPECT_STATUS(gw_udp_recv_batch_wait(b, NULL, 1), GW_ERR_ARGUMENT, "no messages");
    GW_EXPECT_STATUS(gw_udp_set_receive_timeout(b, -1), GW_ERR_ARGUMENT, "a negative timeout");
    GW_CHECK(gw_udp_set_receive_timeout(-1, 10) < 0, "a timeout on a bad descriptor");
    gw_udp_close(a);
    gw_udp_close(b);
}

void gw_group_udp_batch(int dir_count, char **dirs)
{
    (void)dir_count;
    (void)dirs;
    /* qemu-user and some sandboxes lack recvmmsg or sockets altogether: skip cleanly, never fail. */
    struct sockaddr_in sin;
    loopback(&sin);
    int32_t fd;
    int32_t st = gw_udp_open((const uint8_t *)&sin, (int32_t)sizeof sin, 0, &fd);
    if (st != GW_OK) {
        gw_test_note("note: no UDP socket here (status %d): udp_batch skipped", (int)st);
        GW_CHECK(1, "skipped");
        return;
    }
    uint8_t buf[4];
    gw_udp_msg m;
    memset(&m, 0, sizeof m);
    m.buffer = buf;
    m.capacity = 4;
    st = gw_udp_recv_batch(fd, &m, 1);
    gw_udp_close(fd);
    if (st == GW_ERR_SYSTEM(ENOSYS)) {
        gw_test_note("note: recvmmsg is not available here (ENOSYS): udp_batch skipped");
        GW_CHECK(1, "skipped");
        return;
    }
    GW_EXPECT_STATUS(st, 0, "recv_batch on a fresh socket");
    test_batch_roundtrip();
    test_chunks();
    test_gathered_runs();
    test_run_limits();
    test_gso(0, 0);
    test_gso(GW_UDP_GRO | GW_UDP_REUSEPORT, 0);
    test_gso(0, 1);
    test_gso(GW_UDP_GRO | GW_UDP_REUSEPORT, 1);
    test_gso(0, 2);
    test_gso(GW_UDP_GRO | GW_UDP_REUSEPORT, 2);
    test_errors();
    test_wait();
    test_recv_wait();
}
