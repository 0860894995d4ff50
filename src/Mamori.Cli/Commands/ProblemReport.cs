using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Import;

namespace Mamori.Cli.Commands;

/// <summary>Prints the problems found in an input file: one summary line, then one line each.</summary>
internal static class ProblemReport
{
    /// <summary>Enough to fix a file in one pass without flooding the terminal.</summary>
    public const int MaxListed = 100;

    public static void Write(CliConsole console, string summary, IReadOnlyList<ImportProblem> problems)
    {
        console.Error.WriteLine($"mamori: {summary}");
        foreach (var problem in problems.Take(MaxListed))
        {
            console.Error.WriteLine($"  {problem}");
        }

        if (problems.Count > MaxListed)
        {
            console.Error.WriteLine($"  {Text.Format(CliText.MoreProblems, problems.Count - MaxListed)}");
        }
    }
}
