namespace Gateway.Rtp.Tests.Interop.Libsrtp;

/// <summary>The mirror of libsrtp2's <c>srtp_sec_serv_t</c> (a C enum: 4 bytes).</summary>
internal enum LibsrtpSecurityServices
{
    None = 0,
    Confidentiality = 1,
    Authentication = 2,
    ConfidentialityAndAuthentication = 3,
}
