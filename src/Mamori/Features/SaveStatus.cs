namespace Mamori.Features;

/// <summary>How a save use case ended.</summary>
public enum SaveStatus
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}
