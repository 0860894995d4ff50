namespace Mamori.Cli;

/// <summary>The command's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was read and refused: a bad file, an unknown organization, a failed check.</summary>
    public const int Rejected = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
