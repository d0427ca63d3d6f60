namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>
/// Which wildcard SSRC a <see cref="LibsrtpSession"/> is keyed for: libsrtp protects only with an
/// outbound template (<c>ssrc_any_outbound</c>) and unprotects only with an inbound one
/// (<c>ssrc_any_inbound</c>), so a session does one or the other.
/// </summary>
internal enum LibsrtpDirection
{
    Outbound,
    Inbound,
}
