namespace Gateway.Rtp;

/// <summary>The RTP, RTCP, STUN and SRTP wire formats of Gateway (RFC 3550, 3711, 4585, 5104, 5761, 7714, 7983, 8285, 8489).</summary>
internal static class RtpAssembly
{
}
