namespace Gateway.LoadGen;

/// <summary>The <c>gateway-loadgen</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("gateway-loadgen: not built yet");
        return args.Length == 0 ? 1 : 1;
    }
}
