namespace Mamori.Data;

/// <summary>Who is writing, for the audit log, and the clock that dates it.</summary>
public sealed record Actor(string Name, TimeProvider Time)
{
    public static Actor System { get; } = new("system", TimeProvider.System);
}
