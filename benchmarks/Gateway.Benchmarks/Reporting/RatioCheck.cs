namespace Gateway.Benchmarks.Reporting;

/// <summary>
/// One ratio the issue sets a target for: <see cref="Numerator"/> / <see cref="Denominator"/> compared
/// with <see cref="Target"/>, as "at least" (speed-ups) or "at most" (overheads).
/// </summary>
internal sealed record RatioCheck(
    string Name,
    int Size,
    Measurement? Numerator,
    Measurement? Denominator,
    double Target,
    bool AtLeast)
{
    public double? Ratio => Numerator is null || Denominator is null || Denominator.MeanNs <= 0
        ? null
        : Numerator.MeanNs / Denominator.MeanNs;

    public string Verdict => Ratio switch
    {
        null => "not measured",
        double r when Meets(r) => "met",
        _ => "**missed**",
    };

    private bool Meets(double ratio) => AtLeast ? ratio >= Target : ratio <= Target;

    public string TargetText => AtLeast ? $">= {Target:0.##}x" : $"<= {Target:0.##}x";
}
