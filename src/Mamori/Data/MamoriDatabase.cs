using Microsoft.EntityFrameworkCore;

namespace Mamori.Data;

/// <summary>Opens contexts on the configured database and brings its schema up to date.</summary>
public sealed class MamoriDatabase(DatabaseOptions options, Actor? defaultActor = null)
{
    public DatabaseOptions Options { get; } = options;

    /// <summary>Who writes when a context is opened without naming anyone (the CLI's user, say).</summary>
    public Actor DefaultActor { get; } = defaultActor ?? Actor.System;

    /// <summary>
    /// A context confined to one organization, or (with null) one that sees only the
    /// organizations and accounts; writes are audited as <paramref name="actor"/>.
    /// </summary>
    public MamoriDb Open(Guid? organizationId = null, Actor? actor = null) => Options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMamoriDb(SqliteOptions(Options.ConnectionString), organizationId, actor ?? DefaultActor),
        DatabaseProvider.Postgres => new PostgresMamoriDb(PostgresOptions(Options.ConnectionString), organizationId, actor ?? DefaultActor),
        _ => throw new InvalidOperationException($"Unknown provider {Options.Provider}."),
    };

    /// <summary>Applies the provider's pending migrations, creating the database file or schema if needed.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Options.SqliteFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var db = Open();
        await db.Database.MigrateAsync(cancellationToken);
    }

    internal static DbContextOptions<SqliteMamoriDb> SqliteOptions(string connectionString) =>
        new DbContextOptionsBuilder<SqliteMamoriDb>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(MamoriDb).Assembly.FullName))
            .Options;

    internal static DbContextOptions<PostgresMamoriDb> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresMamoriDb>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(MamoriDb).Assembly.FullName))
            .Options;
}
