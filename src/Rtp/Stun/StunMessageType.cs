namespace Gateway.Rtp.Stun;

/// <summary>
/// The 14-bit STUN message type: a 12-bit method and a 2-bit class, interleaved (RFC 8489 §5).
/// </summary>
/// <remarks>
/// <code>
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The class bits sit at positions 4 (C0) and 8 (C1) of the 16-bit field, so Binding (method 0x001)
/// is 0x0001 as a request, 0x0011 as an indication, 0x0101 as a success and 0x0111 as an error
/// response. The two most significant bits of the field are always zero (that is how STUN is told
/// apart from other protocols on the same port).
/// </remarks>
/// <param name="Method">The method, 0x000–0xFFF (Binding is 0x001); higher bits are ignored.</param>
/// <param name="Class">The message class.</param>
public readonly record struct StunMessageType(ushort Method, StunMessageClass Class)
{
    /// <summary>The Binding method (RFC 8489 §18.2), the only one ICE uses.</summary>
    public const ushort BindingMethod = 0x001;

    /// <summary>A Binding request (0x0001).</summary>
    public static StunMessageType BindingRequest => new(BindingMethod, StunMessageClass.Request);

    /// <summary>A Binding indication (0x0011).</summary>
    public static StunMessageType BindingIndication => new(BindingMethod, StunMessageClass.Indication);

    /// <summary>A Binding success response (0x0101).</summary>
    public static StunMessageType BindingSuccess => new(BindingMethod, StunMessageClass.SuccessResponse);

    /// <summary>A Binding error response (0x0111).</summary>
    public static StunMessageType BindingError => new(BindingMethod, StunMessageClass.ErrorResponse);

    /// <summary>The 16-bit field as it goes on the wire (the two top bits zero).</summary>
    public ushort Value
    {
        get
        {
            int m = Method & 0x0FFF;
            int c = (int)Class & 0b11;
            return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7));
        }
    }

    /// <summary>Splits a wire value into method and class; the two top bits are ignored.</summary>
    public static StunMessageType FromValue(ushort value)
    {
        int method = (value & 0x000F) | ((value >> 1) & 0x0070) | ((value >> 2) & 0x0F80);
        int messageClass = ((value >> 4) & 0b01) | ((value >> 7) & 0b10);
        return new StunMessageType((ushort)method, (StunMessageClass)messageClass);
    }
}
