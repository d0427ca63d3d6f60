/*
 * gateway_native.h — the one public header of libgateway_native.
 *
 * Every export has the gw_ prefix, a blittable signature (integers and pointers only) and a
 * managed twin in src/Crypto.Native that is tested against it with the same vectors.
 *
 * Error model: functions return GW_OK (0) or a negative GW_ERR_* value; nothing aborts, nothing
 * logs, nothing allocates after context creation.
 */
#ifndef GATEWAY_NATIVE_H
#define GATEWAY_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GW_API __attribute__((visibility("default")))
#else
#define GW_API
#endif

/* Bumped when an export changes shape; the managed side refuses a library of another version. */
#define GW_ABI_VERSION 1

enum gw_status {
    GW_OK = 0,
    GW_ERR_ARGUMENT = -1,      /* null pointer, negative length, bad key length */
    GW_ERR_AUTH = -2,          /* tag mismatch on open: the output was zeroed */
    GW_ERR_UNSUPPORTED = -3,   /* implementation not available on this CPU */
    GW_ERR_NO_MEMORY = -4,
};

/* AES implementations. AUTO picks the best one this CPU runs (gw_aes_impl_best). */
enum gw_aes_impl {
    GW_AES_IMPL_AUTO = 0,
    GW_AES_IMPL_PORTABLE = 1, /* plain C11: any CPU (table S-box: not cache-timing hardened) */
    GW_AES_IMPL_AESNI = 2,    /* x86-64 AES-NI + PCLMULQDQ, 128-bit registers */
    GW_AES_IMPL_VAES256 = 3,  /* x86-64 VAES + VPCLMULQDQ, 256-bit AVX2 registers */
    GW_AES_IMPL_VAES512 = 4,  /* x86-64 VAES + VPCLMULQDQ, 512-bit AVX-512 registers */
    GW_AES_IMPL_ARMV8 = 5,    /* ARM64 AES + PMULL crypto extensions */
    GW_AES_IMPL_COUNT = 6
};

/* CPU feature bits reported by gw_cpu_features (what the CPU and OS both enable). */
#define GW_CPU_X86_AESNI       (1ull << 0)
#define GW_CPU_X86_PCLMULQDQ   (1ull << 1)
#define GW_CPU_X86_SSSE3       (1ull << 2)
#define GW_CPU_X86_SSE41       (1ull << 3)
#define GW_CPU_X86_AVX         (1ull << 4)
#define GW_CPU_X86_AVX2        (1ull << 5)
#define GW_CPU_X86_VAES        (1ull << 6)
#define GW_CPU_X86_VPCLMULQDQ  (1ull << 7)
#define GW_CPU_X86_AVX512F     (1ull << 8)
#define GW_CPU_X86_AVX512BW    (1ull << 9)
#define GW_CPU_X86_AVX512VL    (1ull << 10)
#define GW_CPU_ARM_AES         (1ull << 32)
#define GW_CPU_ARM_PMULL       (1ull << 33)

GW_API int32_t gw_abi_version(void);
GW_API uint64_t gw_cpu_features(void);
/* 1 when impl can run on this CPU (PORTABLE always can), else 0. */
GW_API int32_t gw_aes_impl_supported(int32_t impl);
/* The fastest supported implementation (never AUTO). */
GW_API int32_t gw_aes_impl_best(void);
/* A static, NUL-terminated name ("portable", "aesni", "vaes256", "vaes512", "armv8"); "unknown" otherwise. */
GW_API const char *gw_aes_impl_name(int32_t impl);

/*
 * An AES key context: expanded encryption round keys and the precomputed GHASH key powers.
 * Created once per key; immutable afterwards, so concurrent seal/open calls on one context are
 * safe. Wiped (explicit zeroing) on free. key_len is 16 (AES-128) or 32 (AES-256).
 */
typedef struct gw_aes_ctx gw_aes_ctx;

GW_API int32_t gw_aes_ctx_create(const uint8_t *key, int32_t key_len, int32_t impl, gw_aes_ctx **out_ctx);
GW_API void gw_aes_ctx_free(gw_aes_ctx *ctx);
/* The implementation this context runs (never AUTO). */
GW_API int32_t gw_aes_ctx_impl(const gw_aes_ctx *ctx);

/*
 * AES-GCM (NIST SP 800-38D) with a 12-byte nonce and a 16-byte tag.
 * in and out may be the same buffer (in place); otherwise they must not overlap.
 * open compares tags in constant time; on mismatch it zeroes out[0..len) and returns GW_ERR_AUTH.
 */
GW_API int32_t gw_aes_gcm_seal(const gw_aes_ctx *ctx, const uint8_t *nonce12,
                               const uint8_t *aad, int32_t aad_len,
                               const uint8_t *in, uint8_t *out, int32_t len, uint8_t *tag16);
GW_API int32_t gw_aes_gcm_open(const gw_aes_ctx *ctx, const uint8_t *nonce12,
                               const uint8_t *aad, int32_t aad_len,
                               const uint8_t *in, uint8_t *out, int32_t len, const uint8_t *tag16);

/*
 * One packet of a batch: its own context, nonce, AAD and in-place buffer.
 * The layout is mirrored by a blittable struct in src/Crypto.Native (48 bytes on 64-bit).
 */
typedef struct gw_aead_op {
    const gw_aes_ctx *ctx;
    const uint8_t *nonce;   /* 12 bytes */
    const uint8_t *aad;
    uint8_t *data;          /* sealed or opened in place */
    uint8_t *tag;           /* 16 bytes: written by seal, read by open */
    int32_t aad_len;
    int32_t data_len;
} gw_aead_op;

/*
 * Seal or open count packets in one call (one managed-to-native transition per transport batch).
 * status[i] receives the per-packet result (GW_OK, GW_ERR_AUTH, GW_ERR_ARGUMENT).
 * Returns the number of packets whose status is not GW_OK, or GW_ERR_ARGUMENT for a bad call.
 */
GW_API int32_t gw_aes_gcm_seal_batch(const gw_aead_op *ops, int32_t count, int32_t *status);
GW_API int32_t gw_aes_gcm_open_batch(const gw_aead_op *ops, int32_t count, int32_t *status);

/*
 * AES-CTR with a 128-bit big-endian counter block (the whole block increments, as SRTP's AES-CM
 * (RFC 3711 §4.1.1) and its key-derivation PRF (§4.3.3) need). out = in XOR keystream; in may be
 * NULL to write the bare keystream. in and out may be the same buffer.
 */
GW_API int32_t gw_aes_ctr_xor(const gw_aes_ctx *ctx, const uint8_t *counter16,
                              const uint8_t *in, uint8_t *out, int32_t len);

/* Encrypt one 16-byte block (AES forward cipher); used by tests and by SRTP's PRF helpers. */
GW_API int32_t gw_aes_encrypt_block(const gw_aes_ctx *ctx, const uint8_t *in16, uint8_t *out16);

/* ---------------------------------------------------------------------------------------------
 * Batched UDP I/O (Linux only): recvmmsg/sendmmsg and UDP GSO/GRO on one non-blocking socket.
 * Socket failures return GW_ERR_SYSTEM(errno), i.e. -(1000 + errno), so the managed side can
 * recover errno with GW_ERR_SYSTEM_ERRNO; EAGAIN is never a failure (the count is just 0).
 * --------------------------------------------------------------------------------------------- */
#define GW_ERR_SYSTEM_BASE 1000
#define GW_ERR_SYSTEM(e) (-(GW_ERR_SYSTEM_BASE + (e)))
#define GW_ERR_SYSTEM_ERRNO(status) (-(status) - GW_ERR_SYSTEM_BASE)

/* gw_udp_open flags. */
#define GW_UDP_REUSEPORT 1 /* SO_REUSEPORT: several workers' sockets share one port */
#define GW_UDP_GRO       2 /* UDP_GRO when the kernel has it (query with gw_udp_gro_enabled) */
#define GW_UDP_BLOCKING_RECEIVE 4 /* a blocking descriptor, for gw_udp_recv_batch_wait (every other call still never blocks) */

/* gw_udp_msg.flags (out). */
#define GW_UDP_MSG_TRUNCATED 1 /* the datagram was longer than capacity: length bytes were kept */
/* gw_udp_msg.flags (in, send). */
#define GW_UDP_MSG_CONTINUES 2 /* this buffer continues the previous message's GSO run (same send, one more iovec) */

/* Most messages one recvmmsg/sendmmsg call carries; larger counts are processed in chunks. */
#define GW_UDP_MAX_BATCH 64
/* Most buffers one sendmmsg gathers (GW_UDP_MSG_CONTINUES runs): ten GSO runs of a frame's fragments in one call. */
#define GW_UDP_MAX_SEND_IOV 1024
/* Largest sockaddr the API carries (sockaddr_in6). */
#define GW_UDP_ADDR_MAX 28

/*
 * One datagram of a batch. The layout is mirrored by a blittable struct in src/Crypto.Native
 * (56 bytes on 64-bit): buffer 0, capacity 8, length 12, addr 16, addr_len 44, segment_size 48, flags 52.
 */
typedef struct gw_udp_msg {
    uint8_t *buffer;
    int32_t capacity;
    int32_t length;                  /* recv: out, bytes stored; send: in, bytes to send */
    uint8_t addr[GW_UDP_ADDR_MAX];   /* recv: out, the source; send: in, the destination */
    int32_t addr_len;                /* sizeof(sockaddr_in) or sizeof(sockaddr_in6) */
    int32_t segment_size;            /* recv: out, GRO segment size, 0 when not coalesced; send: in, > 0 and
                                        below length sends buffer as datagrams of this size (UDP_SEGMENT, GSO) */
    int32_t flags;                   /* recv: out, GW_UDP_MSG_TRUNCATED; send: in, GW_UDP_MSG_CONTINUES */
} gw_udp_msg;

/* Opens a non-blocking UDP socket bound to addr (port 0 picks one). */
GW_API int32_t gw_udp_open(const uint8_t *addr, int32_t addr_len, int32_t flags, int32_t *out_fd);
/* The bound address; *len is the capacity in, the address length out. */
GW_API int32_t gw_udp_local_address(int32_t fd, uint8_t *addr, int32_t *len);
/* 1 when UDP_GRO is on for fd, 0 when not (or the kernel lacks it), else an error. */
GW_API int32_t gw_udp_gro_enabled(int32_t fd);
GW_API int32_t gw_udp_close(int32_t fd);
/* Receives up to count datagrams without blocking; returns how many (0 when none waits). */
GW_API int32_t gw_udp_recv_batch(int32_t fd, gw_udp_msg *msgs, int32_t count);
/*
 * On a socket opened with GW_UDP_BLOCKING_RECEIVE: waits for a datagram (at most the SO_RCVTIMEO that
 * gw_udp_set_receive_timeout set; none set: no limit), then receives it and up to count - 1 more that are
 * already there, in one recvmmsg. Returns how many, 0 on timeout, or an error. count <= GW_UDP_MAX_BATCH.
 * A worker alone on its socket sleeps here instead of in gw_udp_wait: one system call per wake, not two.
 */
GW_API int32_t gw_udp_recv_batch_wait(int32_t fd, gw_udp_msg *msgs, int32_t count);
/* SO_RCVTIMEO in milliseconds (0: no limit) for gw_udp_recv_batch_wait. */
GW_API int32_t gw_udp_set_receive_timeout(int32_t fd, int32_t timeout_ms);
/*
 * Sends msgs[0..count) (length, addr, addr_len and segment_size of each); returns how many messages left (0 when
 * the socket is full), GW_ERR_UNSUPPORTED when the first unsent message asked for GSO and the kernel refuses it.
 * A message flagged GW_UDP_MSG_CONTINUES is gathered into the message before it (its address is neither read
 * nor checked): a GSO run built from the packets where they lie, without copying them together. One sendmmsg
 * carries up to GW_UDP_MAX_BATCH messages holding up to GW_UDP_MAX_SEND_IOV buffers; a run is never split
 * between two calls, and a run of more buffers than that is refused (GW_ERR_ARGUMENT).
 */
GW_API int32_t gw_udp_send_batch(int32_t fd, const gw_udp_msg *msgs, int32_t count);
/*
 * Sends buffer[0..total_length) to one destination as total_length / segment_size datagrams (the last
 * may be shorter) with UDP_SEGMENT (Linux >= 4.18). Returns the bytes sent, 0 when the socket is full,
 * GW_ERR_UNSUPPORTED when the kernel refuses segmentation.
 */
GW_API int32_t gw_udp_send_gso(int32_t fd, const uint8_t *buffer, int32_t total_length, int32_t segment_size,
                               const uint8_t *addr, int32_t addr_len);

/*
 * Sets SO_RCVBUF / SO_SNDBUF (a value <= 0 leaves that one alone). Tries SO_*BUFFORCE first (with
 * CAP_NET_ADMIN it passes net.core.rmem_max / wmem_max), else the plain option, which the kernel caps.
 */
GW_API int32_t gw_udp_set_buffers(int32_t fd, int32_t receive_bytes, int32_t send_bytes);

/*
 * Waiting for work (a transport worker between batches): an eventfd other threads signal to wake the
 * worker, and one poll over the worker's socket and that event.
 */
/* gw_udp_wait result bits. */
#define GW_WAIT_READABLE 1 /* the socket has a datagram (or an error) to read */
#define GW_WAIT_SIGNALED 2 /* the event was signaled (and is now reset) */

/* Opens a non-blocking eventfd (counter 0). */
GW_API int32_t gw_event_open(int32_t *out_fd);
/* Signals the event (adds 1; a signaled event stays signaled until a wait resets it). */
GW_API int32_t gw_event_signal(int32_t event_fd);
/* Closes the event. */
GW_API int32_t gw_event_close(int32_t event_fd);
/*
 * Waits at most timeout_ms (0: just look; negative: no limit) until fd is readable or event_fd is
 * signaled; resets a signaled event. Returns GW_WAIT_* bits, 0 on timeout (or EINTR), or an error.
 * event_fd may be -1 (the socket only).
 */
GW_API int32_t gw_udp_wait(int32_t fd, int32_t event_fd, int32_t timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* GATEWAY_NATIVE_H */
