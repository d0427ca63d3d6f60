using System.Diagnostics.CodeAnalysis;

namespace Gateway.Rtp.Sdp;

/// <summary>
/// What <see cref="SdpParser"/> made of a description: the model, or an error that names the line and what is
/// wrong with it (never the line's key material).
/// </summary>
public readonly struct SdpParseResult
{
    private SdpParseResult(SdpSessionDescription? description, int line, string? error)
    {
        Description = description;
        Line = line;
        Error = error;
    }

    /// <summary>The parsed description, or null on failure.</summary>
    public SdpSessionDescription? Description { get; }

    /// <summary>The 1-based line the error is on, 0 when it concerns the whole description (or on success).</summary>
    public int Line { get; }

    /// <summary>What is wrong, starting with "line N:" when a line is to blame; null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the description was read.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Description is not null;

    /// <summary>A success.</summary>
    public static SdpParseResult Success(SdpSessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new(description, 0, null);
    }

    /// <summary>A failure at <paramref name="line"/> (0: the whole description).</summary>
    public static SdpParseResult Failure(int line, string message) =>
        new(null, line, line > 0 ? $"line {line}: {message}" : message);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? Description.ToString() : Error;
}
