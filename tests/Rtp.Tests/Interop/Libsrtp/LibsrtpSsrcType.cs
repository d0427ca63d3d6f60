namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>The mirror of libsrtp2's <c>srtp_ssrc_type_t</c> (a C enum: 4 bytes).</summary>
internal enum LibsrtpSsrcType
{
    Undefined = 0,
    Specific = 1,
    AnyInbound = 2,
    AnyOutbound = 3,
}
