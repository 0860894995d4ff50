using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use: an embedded SQLite file (the default) or a PostgreSQL server.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>EF Core interceptors added to every context opened on this database (a test counts SQL commands with one).</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; init; } = [];

    /// <summary>Environment variable naming the SQLite file.</summary>
    public const string DbPathVariable = "MAMORI_DB";

    /// <summary>Environment variable holding a connection string (PostgreSQL, or SQLite with "Data Source=").</summary>
    public const string ConnectionVariable = "MAMORI_CONNECTION";

    public static DatabaseOptions ForSqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(path)};Pooling=False");

    /// <summary>
    /// Chooses the database the way every entry point does: an explicit file or connection
    /// string wins, then MAMORI_CONNECTION, then MAMORI_DB, then the per-user default file.
    /// A connection string that starts with "Data Source=" is SQLite; any other is PostgreSQL.
    /// </summary>
    public static DatabaseOptions Resolve(string? dbPath, string? connectionString, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(dbPath))
        {
            return ForSqliteFile(dbPath);
        }

        var connection = !string.IsNullOrWhiteSpace(connectionString) ? connectionString : environment(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return connection.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                ? new(DatabaseProvider.Sqlite, connection)
                : new(DatabaseProvider.Postgres, connection);
        }

        var path = environment(DbPathVariable);
        return ForSqliteFile(string.IsNullOrWhiteSpace(path) ? DefaultSqlitePath(environment) : path);
    }

    /// <summary>$XDG_DATA_HOME/mamori/mamori.db, or ~/.local/share/mamori/mamori.db.</summary>
    public static string DefaultSqlitePath(Func<string, string?> environment)
    {
        var dataHome = environment("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "mamori", "mamori.db");
    }

    /// <summary>
    /// The same database with SQLite's connection pool on, for a long-running server: opening a
    /// file connection re-reads the schema each time, a pooled one is reused. Short-lived
    /// processes (the CLI, restore) keep it off so no handle outlives them on a replaced file.
    /// </summary>
    public DatabaseOptions Pooled() =>
        Provider == DatabaseProvider.Sqlite
            ? this with { ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString() }
            : this;

    /// <summary>The SQLite file this points at, or null for PostgreSQL.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource
            : null;
}
