namespace Mamori.Import;

/// <summary>
/// The name a client sends with an uploaded register: which names are accepted before anything is
/// read, and what is kept of it as the import's record. The name is never used as a path.
/// </summary>
public static class UploadName
{
    /// <summary>The extensions a register file may have; an upload with any other is refused before it is read.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".xlsx", ".csv", ".tsv", ".txt"];

    /// <summary>Whether the name a client gave (used as given: nothing is removed first) ends in one of <see cref="Extensions"/>.</summary>
    public static bool IsRegisterFile(string? clientFileName)
    {
        var name = clientFileName ?? "";
        var dot = name.LastIndexOf('.');
        return dot >= 0 && Extensions.Contains(name[dot..], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The name a client gave, to keep as the import's record: its last path segment without control
    /// characters (which PostgreSQL text refuses and logs should not carry). Never used as a path.
    /// </summary>
    public static string Clean(string? clientFileName)
    {
        var name = string.Concat((clientFileName ?? "").Where(c => !char.IsControl(c)));
        return name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
    }
}
