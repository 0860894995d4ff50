namespace Mamori.Cli;

/// <summary>Where the command writes and what environment it reads; tests pass their own.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliConsole System { get; } = new(Console.Out, Console.Error, global::System.Environment.GetEnvironmentVariable);
}
