/*
 * relay_ceiling — the minimal C SRTP relay the end-to-end benchmark measures the gateway against.
 *
 * One UDP socket, one thread. Per received packet: find the sender by SSRC, SRTP-unprotect it with
 * AEAD_AES_128_GCM (RFC 7714), latch the sender's address, then for every other participant of the
 * same meeting copy it, protect it with that participant's outbound key and queue it; the queue goes
 * out with sendmmsg. With --gro the socket receives coalesced UDP_GRO buffers; with --gso runs of
 * equal-size packets to one destination leave as one UDP_SEGMENT (GSO) message, and all of a batch's
 * messages still go in one sendmmsg (each with its own segment size). The AES-GCM work is
 * libgateway_native's (the same gw_ functions the gateway calls). IPv4 only; socket buffers 4 MiB each
 * (SO_RCVBUFFORCE/SO_SNDBUFFORCE first), as the gateway's media sockets.
 *
 * Deliberately minimal (it is a ceiling, not a product):
 *  - the ROC is estimated per sender as RFC 3711 §3.3.1 / Appendix A says, and since SSRC and sequence
 *    numbers are forwarded unchanged, each copy is protected with the sender's index (ROC, SEQ).
 *  - a 64-packet replay window per sender (the gateway keeps one too), no RTCP, no STUN, no limits.
 *
 * Participants file, one per line ('#' starts a comment):
 *   <meeting> <ssrc> <inbound key||salt hex, 56 digits> <outbound key||salt hex> [<ipv4>:<port> | -]
 * inbound = what the participant sends to the relay, outbound = what the relay sends to it. The
 * optional address is where to send before the participant's first authenticated packet (the SDP
 * offer's c=/m= address in the gateway); after that the packet's source address wins (latching).
 *
 * Output (stdout, one JSON object per line): {"event":"listening",...} once bound; {"event":"stats",...}
 * every --interval seconds (when given); {"event":"final",...} on SIGINT/SIGTERM, then it exits 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "gateway_native.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

#define KEY_LEN 16
#define SALT_LEN 12
#define TAG_LEN 16
#define RTP_HEADER_MIN 12
#define RECV_BATCH 32
#define CHUNK_PACKETS 64          /* input packets per fan-out round */
#define SLOT_SIZE 1536            /* one output packet */
#define MAX_PACKET (SLOT_SIZE - TAG_LEN)
#define GSO_MAX_SEGMENTS 64       /* UDP_MAX_SEGMENTS */
#define GSO_MAX_BYTES 65000       /* below the 65,507-byte UDP payload limit */
#define SEND_CHUNK 1024           /* UIO_MAXIOV: most messages one sendmmsg takes */
#define MAX_PARTICIPANTS 4096
#define MAX_MEMBERS 256

typedef struct participant {
    uint32_t ssrc;
    int meeting;
    gw_aes_ctx *in_ctx;
    gw_aes_ctx *out_ctx;
    uint8_t in_salt[SALT_LEN];
    uint8_t out_salt[SALT_LEN];
    struct sockaddr_in addr;
    int has_addr;
    int seen;                     /* ROC and replay state valid */
    uint32_t roc;
    uint16_t s_l;                 /* highest sequence number received (RFC 3711 s_l) */
    uint64_t window;              /* bit i: index (roc << 16 | s_l) - i was received */
} participant;

typedef struct meeting {
    int members[MAX_MEMBERS];
    int count;
} meeting;

typedef struct in_packet {
    uint8_t *data;
    uint32_t roc;                 /* the packet's estimated ROC */
    int length;                   /* plaintext length: header + payload */
    int header;
    int sender;
} in_packet;

typedef struct stats {
    uint64_t datagrams;           /* UDP datagrams after GRO splitting */
    uint64_t recv_calls;
    uint64_t forwarded;           /* packets sent (GSO segments counted one each) */
    uint64_t send_calls;
    uint64_t send_messages;
    uint64_t drop_malformed;
    uint64_t drop_unknown;
    uint64_t drop_auth;
    uint64_t drop_replay;
    uint64_t drop_no_address;
    uint64_t send_errors;
} stats;

static volatile sig_atomic_t g_stop;

static participant g_parts[MAX_PARTICIPANTS];
static int g_part_count;
static meeting *g_meetings;
static int g_meeting_count;

/* SSRC -> participant index + 1 (0 = empty), open addressing. */
#define SSRC_TABLE 8192
static uint32_t g_ssrc_keys[SSRC_TABLE];
static int g_ssrc_vals[SSRC_TABLE];

static stats g_stats;
static int g_gso;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static uint32_t hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

static int ssrc_insert(uint32_t ssrc, int index)
{
    for (uint32_t i = hash32(ssrc) & (SSRC_TABLE - 1);; i = (i + 1) & (SSRC_TABLE - 1)) {
        if (g_ssrc_vals[i] == 0) {
            g_ssrc_keys[i] = ssrc;
            g_ssrc_vals[i] = index + 1;
            return 0;
        }
        if (g_ssrc_keys[i] == ssrc) {
            return -1;
        }
    }
}

static int ssrc_find(uint32_t ssrc)
{
    for (uint32_t i = hash32(ssrc) & (SSRC_TABLE - 1);; i = (i + 1) & (SSRC_TABLE - 1)) {
        if (g_ssrc_vals[i] == 0) {
            return -1;
        }
        if (g_ssrc_keys[i] == ssrc) {
            return g_ssrc_vals[i] - 1;
        }
    }
}

static int hex_decode(const char *hex, uint8_t *out, size_t len)
{
    if (strlen(hex) != 2 * len) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return -1;
        }
        out[i] = (uint8_t)v;
    }
    return 0;
}

/*
 * RFC 3711 §4.3.3 AES-CM PRF with key_derivation_rate 0: x = (label << 48) XOR master salt, the
 * output is the AES-CTR keystream of the master key from the block x * 2^16. The 96-bit AEAD master
 * salt is padded with two zero bytes to 112 bits (RFC 7714 §11), so the label lands on byte 7.
 */
static int srtp_prf(gw_aes_ctx *master, const uint8_t *master_salt, uint8_t label, uint8_t *out, int len)
{
    uint8_t counter[16] = {0};
    memcpy(counter, master_salt, SALT_LEN);
    counter[7] ^= label;
    return gw_aes_ctr_xor(master, counter, NULL, out, len);
}

/* Derives the SRTP (not SRTCP) session key and salt of one direction and makes the key's context. */
static int derive_session(const uint8_t *key_salt, gw_aes_ctx **ctx, uint8_t *salt)
{
    gw_aes_ctx *master = NULL;
    uint8_t session_key[KEY_LEN];
    int rc = gw_aes_ctx_create(key_salt, KEY_LEN, GW_AES_IMPL_AUTO, &master);
    if (rc != GW_OK) {
        return rc;
    }
    rc = srtp_prf(master, key_salt + KEY_LEN, 0x00, session_key, KEY_LEN);   /* label 0: k_e */
    if (rc == GW_OK) {
        rc = srtp_prf(master, key_salt + KEY_LEN, 0x02, salt, SALT_LEN);      /* label 2: k_s */
    }
    gw_aes_ctx_free(master);
    if (rc == GW_OK) {
        rc = gw_aes_ctx_create(session_key, KEY_LEN, GW_AES_IMPL_AUTO, ctx);
    }
    memset(session_key, 0, sizeof session_key);
    return rc;
}

static int load_participants(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "relay_ceiling: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[512];
    int line_no = 0;
    int max_meeting = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        line_no++;
        char *hash = strchr(line, '#');
        if (hash != NULL) {
            *hash = '\0';
        }
        char in_hex[80], out_hex[80], addr[64] = "-";
        int meeting_id;
        unsigned long ssrc;
        int n = sscanf(line, "%d %lu %79s %79s %63s", &meeting_id, &ssrc, in_hex, out_hex, addr);
        if (n <= 0) {
            continue;
        }
        if (n < 4 || meeting_id < 0 || ssrc > 0xffffffffUL || g_part_count >= MAX_PARTICIPANTS) {
            fprintf(stderr, "relay_ceiling: %s:%d: expected <meeting> <ssrc> <in hex> <out hex> [<ip:port>]\n", path, line_no);
            fclose(f);
            return -1;
        }
        participant *p = &g_parts[g_part_count];
        uint8_t in_ks[KEY_LEN + SALT_LEN], out_ks[KEY_LEN + SALT_LEN];
        if (hex_decode(in_hex, in_ks, sizeof in_ks) != 0 || hex_decode(out_hex, out_ks, sizeof out_ks) != 0) {
            fprintf(stderr, "relay_ceiling: %s:%d: keys are 56 hex digits (16-byte key || 12-byte salt)\n", path, line_no);
            fclose(f);
            return -1;
        }
        if (derive_session(in_ks, &p->in_ctx, p->in_salt) != GW_OK || derive_session(out_ks, &p->out_ctx, p->out_salt) != GW_OK) {
            fprintf(stderr, "relay_ceiling: %s:%d: key setup failed\n", path, line_no);
            fclose(f);
            return -1;
        }
        memset(in_ks, 0, sizeof in_ks);
        memset(out_ks, 0, sizeof out_ks);
        p->ssrc = (uint32_t)ssrc;
        p->meeting = meeting_id;
        if (strcmp(addr, "-") != 0) {
            char *colon = strrchr(addr, ':');
            if (colon == NULL) {
                fprintf(stderr, "relay_ceiling: %s:%d: address is <ipv4>:<port>\n", path, line_no);
                fclose(f);
                return -1;
            }
            *colon = '\0';
            p->addr.sin_family = AF_INET;
            p->addr.sin_port = htons((uint16_t)atoi(colon + 1));
            if (inet_pton(AF_INET, addr, &p->addr.sin_addr) != 1) {
                fprintf(stderr, "relay_ceiling: %s:%d: bad IPv4 address\n", path, line_no);
                fclose(f);
                return -1;
            }
            p->has_addr = 1;
        }
        if (ssrc_insert(p->ssrc, g_part_count) != 0) {
            fprintf(stderr, "relay_ceiling: %s:%d: SSRC %lu appears twice\n", path, line_no, ssrc);
            fclose(f);
            return -1;
        }
        if (meeting_id > max_meeting) {
            max_meeting = meeting_id;
        }
        g_part_count++;
    }
    fclose(f);

    g_meeting_count = max_meeting + 1;
    g_meetings = calloc((size_t)(g_meeting_count > 0 ? g_meeting_count : 1), sizeof(meeting));
    if (g_meetings == NULL) {
        return -1;
    }
    for (int i = 0; i < g_part_count; i++) {
        meeting *m = &g_meetings[g_parts[i].meeting];
        if (m->count >= MAX_MEMBERS) {
            fprintf(stderr, "relay_ceiling: more than %d participants in meeting %d\n", MAX_MEMBERS, g_parts[i].meeting);
            return -1;
        }
        m->members[m->count++] = i;
    }
    return 0;
}

/* RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. */
static void make_iv(uint8_t *iv, const uint8_t *salt, uint32_t ssrc, uint32_t roc, uint16_t seq)
{
    /* RFC 7714 8.1: salt XOR (00 00 | SSRC | ROC | SEQ), written as one 8-byte and one 4-byte store (as the gateway
       does): twelve byte stores read back by the cipher's wide load of the IV stall on the store buffer, a cost the
       gateway does not pay and the ceiling should not either. */
    uint64_t high = ((uint64_t)ssrc << 16) | (roc >> 16);
    uint32_t low = (roc << 16) | seq;
    uint64_t salt_high;
    uint32_t salt_low;
    memcpy(&salt_high, salt, 8);
    memcpy(&salt_low, salt + 8, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    high = __builtin_bswap64(high);
    low = __builtin_bswap32(low);
#endif
    high ^= salt_high;
    low ^= salt_low;
    memcpy(iv, &high, 8);
    memcpy(iv + 8, &low, 4);
}

/* The RTP header length (fixed part, CSRCs, extension), or -1 when the packet is not a plausible SRTP packet. */
static int rtp_header_length(const uint8_t *p, int len)
{
    if (len < RTP_HEADER_MIN + TAG_LEN || (p[0] >> 6) != 2) {
        return -1;
    }
    int header = RTP_HEADER_MIN + 4 * (p[0] & 0x0f);
    if ((p[0] & 0x10) != 0) {
        if (header + 4 > len) {
            return -1;
        }
        header += 4 + 4 * ((p[header + 2] << 8) | p[header + 3]);
    }
    return header + TAG_LEN <= len ? header : -1;
}

/* RFC 3711 Appendix A: the ROC guess v for seq, given the highest sequence s_l and the ROC. */
static uint32_t estimate_roc(const participant *p, uint16_t seq)
{
    if (!p->seen) {
        return 0;
    }
    if (p->s_l < 32768) {
        return (seq - p->s_l > 32768) ? p->roc - 1 : p->roc;
    }
    return ((int)p->s_l - 32768 > seq) ? p->roc + 1 : p->roc;
}

/* RFC 3711 §3.3.2 replay check on the 48-bit index; updates ROC, s_l and the window only when accepted. */
static int replay_accept(participant *p, uint32_t roc, uint16_t seq)
{
    uint64_t index = ((uint64_t)roc << 16) | seq;
    if (!p->seen) {
        p->seen = 1;
        p->roc = roc;
        p->s_l = seq;
        p->window = 1;
        return 1;
    }
    uint64_t highest = ((uint64_t)p->roc << 16) | p->s_l;
    if (index > highest) {
        uint64_t delta = index - highest;
        p->window = delta >= 64 ? 1 : (p->window << delta) | 1;
        p->roc = roc;
        p->s_l = seq;
        return 1;
    }
    uint64_t back = highest - index;
    if (back >= 64 || (p->window & (1ull << back)) != 0) {
        return 0;
    }
    p->window |= 1ull << back;
    return 1;
}

/* Unprotects one packet in place; the input entry on success, sender -1 on a drop. */
static in_packet unprotect(uint8_t *data, int len, const struct sockaddr_in *from)
{
    in_packet out = {data, 0, 0, 0, -1};
    int header = rtp_header_length(data, len);
    if (header < 0) {
        g_stats.drop_malformed++;
        return out;
    }
    uint32_t ssrc = ((uint32_t)data[8] << 24) | ((uint32_t)data[9] << 16) | ((uint32_t)data[10] << 8) | data[11];
    uint16_t seq = (uint16_t)((data[2] << 8) | data[3]);
    int index = ssrc_find(ssrc);
    if (index < 0) {
        g_stats.drop_unknown++;
        return out;
    }
    participant *p = &g_parts[index];
    uint32_t roc = estimate_roc(p, seq);
    uint8_t iv[12];
    make_iv(iv, p->in_salt, ssrc, roc, seq);
    int payload = len - header - TAG_LEN;
    if (gw_aes_gcm_open(p->in_ctx, iv, data, header, data + header, data + header, payload, data + len - TAG_LEN) != GW_OK) {
        g_stats.drop_auth++;
        return out;
    }
    if (!replay_accept(p, roc, seq)) {
        g_stats.drop_replay++;
        return out;
    }
    /* Latching: the authenticated packet's source is where this participant is now. */
    if (!p->has_addr || p->addr.sin_port != from->sin_port || p->addr.sin_addr.s_addr != from->sin_addr.s_addr) {
        p->addr = *from;
        p->has_addr = 1;
    }
    out.roc = roc;
    out.length = len - TAG_LEN;
    out.header = header;
    out.sender = index;
    return out;
}

typedef struct out_queue {
    uint8_t *slab;                /* capacity slots of SLOT_SIZE */
    int *lengths;
    int *dest;                    /* participant index */
    int count;
    int capacity;
    struct mmsghdr *msgs;
    struct iovec *iovs;
    uint8_t *controls;            /* one cmsg buffer per message */
} out_queue;

#define CONTROL_SIZE CMSG_SPACE(sizeof(uint16_t))

static void send_messages(int fd, struct mmsghdr *msgs, int count)
{
    int sent = 0;
    while (sent < count) {
        int n = sendmmsg(fd, msgs + sent, (unsigned)(count - sent), 0);
        g_stats.send_calls++;
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            g_stats.send_errors++;
            sent++;               /* skip the message the kernel refused */
            continue;
        }
        sent += n;
    }
    g_stats.send_messages += (uint64_t)count;
}

/* Sends the queue: one message per packet, or with --gso one message per run of equal-size packets to one destination. */
static void flush(int fd, out_queue *q)
{
    int m = 0;
    int i = 0;
    while (i < q->count) {
        int run = 1;
        if (g_gso) {
            int size = q->lengths[i];
            int total = size;
            while (i + run < q->count && run < GSO_MAX_SEGMENTS && q->dest[i + run] == q->dest[i]
                   && total + q->lengths[i + run] <= GSO_MAX_BYTES) {
                int next = q->lengths[i + run];
                if (next > size) {
                    break;
                }
                total += next;
                run++;
                if (next < size) {
                    break;         /* only the last segment may be shorter */
                }
            }
        }
        struct msghdr *h = &q->msgs[m].msg_hdr;
        memset(h, 0, sizeof *h);
        participant *p = &g_parts[q->dest[i]];
        h->msg_name = &p->addr;
        h->msg_namelen = sizeof p->addr;
        h->msg_iov = &q->iovs[i];
        h->msg_iovlen = (size_t)run;
        for (int k = 0; k < run; k++) {
            q->iovs[i + k].iov_base = q->slab + (size_t)(i + k) * SLOT_SIZE;
            q->iovs[i + k].iov_len = (size_t)q->lengths[i + k];
        }
        if (run > 1) {
            uint8_t *control = q->controls + (size_t)m * CONTROL_SIZE;
            memset(control, 0, CONTROL_SIZE);
            h->msg_control = control;
            h->msg_controllen = CONTROL_SIZE;
            struct cmsghdr *c = CMSG_FIRSTHDR(h);
            c->cmsg_level = SOL_UDP;
            c->cmsg_type = UDP_SEGMENT;
            c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
            uint16_t segment = (uint16_t)q->lengths[i];
            memcpy(CMSG_DATA(c), &segment, sizeof segment);
        }
        g_stats.forwarded += (uint64_t)run;
        i += run;
        if (++m == SEND_CHUNK) {
            send_messages(fd, q->msgs, m);
            m = 0;
        }
    }
    if (m > 0) {
        send_messages(fd, q->msgs, m);
    }
    q->count = 0;
}

/* Fans out in[0..count): destination by destination, so that one destination's packets are adjacent (GSO runs). */
static void fan_out(int fd, in_packet *in, int count, out_queue *q)
{
    int meetings_done[CHUNK_PACKETS];
    int done_count = 0;
    for (int first = 0; first < count; first++) {
        if (in[first].sender < 0) {
            continue;
        }
        int mid = g_parts[in[first].sender].meeting;
        int seen = 0;
        for (int k = 0; k < done_count; k++) {
            seen |= meetings_done[k] == mid;
        }
        if (seen) {
            continue;
        }
        meetings_done[done_count++] = mid;
        meeting *mt = &g_meetings[mid];
        for (int r = 0; r < mt->count; r++) {
            int dest = mt->members[r];
            participant *to = &g_parts[dest];
            for (int i = first; i < count; i++) {
                if (in[i].sender < 0 || in[i].sender == dest || g_parts[in[i].sender].meeting != mid) {
                    continue;
                }
                if (!to->has_addr) {
                    g_stats.drop_no_address++;
                    continue;
                }
                if (q->count == q->capacity) {
                    flush(fd, q);
                }
                uint8_t *slot = q->slab + (size_t)q->count * SLOT_SIZE;
                const in_packet *pk = &in[i];
                memcpy(slot, pk->data, (size_t)pk->length);
                uint32_t ssrc = g_parts[pk->sender].ssrc;
                uint16_t seq = (uint16_t)((slot[2] << 8) | slot[3]);
                uint8_t iv[12];
                make_iv(iv, to->out_salt, ssrc, pk->roc, seq);
                gw_aes_gcm_seal(to->out_ctx, iv, slot, pk->header, slot + pk->header, slot + pk->header,
                                pk->length - pk->header, slot + pk->length);
                q->lengths[q->count] = pk->length + TAG_LEN;
                q->dest[q->count] = dest;
                q->count++;
            }
        }
    }
    flush(fd, q);
}

static double timeval_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void print_stats(const char *event)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"event\":\"%s\",\"datagrams\":%llu,\"forwarded\":%llu,\"recvCalls\":%llu,\"sendCalls\":%llu,\"sendMessages\":%llu,"
           "\"dropMalformed\":%llu,\"dropUnknownSsrc\":%llu,\"dropAuth\":%llu,\"dropReplay\":%llu,\"dropNoAddress\":%llu,"
           "\"sendErrors\":%llu,\"cpuUserSeconds\":%.6f,\"cpuSystemSeconds\":%.6f}\n",
           event, (unsigned long long)g_stats.datagrams, (unsigned long long)g_stats.forwarded,
           (unsigned long long)g_stats.recv_calls, (unsigned long long)g_stats.send_calls,
           (unsigned long long)g_stats.send_messages, (unsigned long long)g_stats.drop_malformed,
           (unsigned long long)g_stats.drop_unknown, (unsigned long long)g_stats.drop_auth,
           (unsigned long long)g_stats.drop_replay, (unsigned long long)g_stats.drop_no_address,
           (unsigned long long)g_stats.send_errors, timeval_seconds(ru.ru_utime), timeval_seconds(ru.ru_stime));
    fflush(stdout);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: relay_ceiling --participants FILE [--bind IPV4] [--port N] [--gro] [--gso] [--rcvbuf BYTES] [--sndbuf BYTES] [--interval SECONDS]\n"
            "  A minimal SRTP (AEAD_AES_128_GCM) relay: every participant's packets go to every other participant\n"
            "  of its meeting, re-protected with that participant's key. Stats as JSON lines on stdout; stops on SIGINT/SIGTERM.\n"
            "  --gro  receive with UDP_GRO        --gso  send equal-size runs to one destination with UDP_SEGMENT\n"
            "  --rcvbuf/--sndbuf  socket buffer sizes (default 4 MiB each, as the gateway's; 0 keeps the kernel's)\n");
}

int main(int argc, char **argv)
{
    const char *participants = NULL;
    const char *bind_ip = "127.0.0.1";
    /* The gateway's defaults (Media:ReceiveBufferBytes, Media:SendBufferBytes): 4 MiB each. */
    int port = 0, gro = 0, rcvbuf = 4 << 20, sndbuf = 4 << 20;
    double interval = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--participants") == 0 && has_value) {
            participants = argv[++i];
        } else if (strcmp(a, "--bind") == 0 && has_value) {
            bind_ip = argv[++i];
        } else if (strcmp(a, "--port") == 0 && has_value) {
            port = atoi(argv[++i]);
        } else if (strcmp(a, "--rcvbuf") == 0 && has_value) {
            rcvbuf = atoi(argv[++i]);
        } else if (strcmp(a, "--sndbuf") == 0 && has_value) {
            sndbuf = atoi(argv[++i]);
        } else if (strcmp(a, "--interval") == 0 && has_value) {
            interval = atof(argv[++i]);
        } else if (strcmp(a, "--gro") == 0) {
            gro = 1;
        } else if (strcmp(a, "--gso") == 0) {
            g_gso = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage();
            return 0;
        } else {
            fprintf(stderr, "relay_ceiling: unknown argument '%s'\n", a);
            usage();
            return 1;
        }
    }
    if (participants == NULL) {
        usage();
        return 1;
    }
    if (load_participants(participants) != 0) {
        return 1;
    }

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in local = {0};
    local.sin_family = AF_INET;
    local.sin_port = htons((uint16_t)port);
    if (fd < 0 || inet_pton(AF_INET, bind_ip, &local.sin_addr) != 1 || bind(fd, (struct sockaddr *)&local, sizeof local) != 0) {
        fprintf(stderr, "relay_ceiling: cannot bind %s:%d: %s\n", bind_ip, port, strerror(errno));
        return 1;
    }
    socklen_t local_len = sizeof local;
    getsockname(fd, (struct sockaddr *)&local, &local_len);
    /* As the gateway does: the FORCE variants pass net.core.rmem_max/wmem_max with CAP_NET_ADMIN. */
    if (rcvbuf > 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    }
    if (sndbuf > 0 && setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    }
    int one = 1;
    int gro_on = gro && setsockopt(fd, SOL_UDP, UDP_GRO, &one, sizeof one) == 0;
    /* A receive timeout, so a quiet socket still notices the stop flag and the stats interval. */
    struct timeval timeout = {0, 200 * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;   /* no SA_RESTART: recvmmsg returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    /* Receive buffers: a GRO buffer holds up to 64 KiB of coalesced segments. */
    size_t recv_size = gro_on ? 65536 : 2048;
    uint8_t *recv_slab = malloc(recv_size * RECV_BATCH);
    struct mmsghdr rmsgs[RECV_BATCH];
    struct iovec riov[RECV_BATCH];
    struct sockaddr_in rfrom[RECV_BATCH];
    uint8_t rcontrol[RECV_BATCH][CMSG_SPACE(sizeof(int))];

    int max_members = 1;
    for (int i = 0; i < g_meeting_count; i++) {
        if (g_meetings[i].count > max_members) {
            max_members = g_meetings[i].count;
        }
    }
    out_queue q = {0};
    q.capacity = CHUNK_PACKETS * (max_members > 1 ? max_members - 1 : 1);
    q.slab = malloc((size_t)q.capacity * SLOT_SIZE);
    q.lengths = calloc((size_t)q.capacity, sizeof(int));
    q.dest = calloc((size_t)q.capacity, sizeof(int));
    q.msgs = calloc(SEND_CHUNK, sizeof(struct mmsghdr));
    q.iovs = calloc((size_t)q.capacity, sizeof(struct iovec));
    q.controls = calloc(SEND_CHUNK, CONTROL_SIZE);
    in_packet in[CHUNK_PACKETS];
    if (recv_slab == NULL || q.slab == NULL || q.lengths == NULL || q.dest == NULL || q.msgs == NULL || q.iovs == NULL || q.controls == NULL) {
        fprintf(stderr, "relay_ceiling: out of memory\n");
        return 1;
    }

    printf("{\"event\":\"listening\",\"port\":%d,\"participants\":%d,\"meetings\":%d,\"gro\":%s,\"gso\":%s,\"aes\":\"%s\"}\n",
           ntohs(local.sin_port), g_part_count, g_meeting_count, gro_on ? "true" : "false", g_gso ? "true" : "false",
           gw_aes_impl_name(gw_aes_impl_best()));
    fflush(stdout);

    struct timespec next_report;
    clock_gettime(CLOCK_MONOTONIC, &next_report);
    next_report.tv_sec += (time_t)interval;

    while (!g_stop) {
        for (int i = 0; i < RECV_BATCH; i++) {
            riov[i].iov_base = recv_slab + (size_t)i * recv_size;
            riov[i].iov_len = recv_size;
            memset(&rmsgs[i].msg_hdr, 0, sizeof rmsgs[i].msg_hdr);
            rmsgs[i].msg_hdr.msg_name = &rfrom[i];
            rmsgs[i].msg_hdr.msg_namelen = sizeof rfrom[i];
            rmsgs[i].msg_hdr.msg_iov = &riov[i];
            rmsgs[i].msg_hdr.msg_iovlen = 1;
            if (gro_on) {
                rmsgs[i].msg_hdr.msg_control = rcontrol[i];
                rmsgs[i].msg_hdr.msg_controllen = sizeof rcontrol[i];
            }
        }
        int n = recvmmsg(fd, rmsgs, RECV_BATCH, MSG_WAITFORONE, NULL);
        if (interval > 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec > next_report.tv_sec || (now.tv_sec == next_report.tv_sec && now.tv_nsec >= next_report.tv_nsec)) {
                print_stats("stats");
                next_report.tv_sec += (time_t)interval;
            }
        }
        if (n <= 0) {
            continue;      /* timeout, EINTR */
        }
        g_stats.recv_calls++;
        int chunk = 0;
        for (int i = 0; i < n; i++) {
            uint8_t *buf = riov[i].iov_base;
            int len = (int)rmsgs[i].msg_len;
            int segment = len;
            if (gro_on) {
                for (struct cmsghdr *c = CMSG_FIRSTHDR(&rmsgs[i].msg_hdr); c != NULL; c = CMSG_NXTHDR(&rmsgs[i].msg_hdr, c)) {
                    if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO) {
                        int s;
                        memcpy(&s, CMSG_DATA(c), sizeof s);
                        if (s > 0) {
                            segment = s;
                        }
                    }
                }
            }
            for (int off = 0; off < len; off += segment) {
                int seg_len = len - off < segment ? len - off : segment;
                g_stats.datagrams++;
                if (seg_len > MAX_PACKET) {
                    g_stats.drop_malformed++;
                    continue;
                }
                in[chunk++] = unprotect(buf + off, seg_len, &rfrom[i]);
                if (chunk == CHUNK_PACKETS) {
                    fan_out(fd, in, chunk, &q);
                    chunk = 0;
                }
            }
        }
        if (chunk > 0) {
            fan_out(fd, in, chunk, &q);
        }
    }
    print_stats("final");
    close(fd);
    return 0;
}
