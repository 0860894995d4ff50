using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

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
        DatabaseProvider.Sqlite => new SqliteMamoriDb(_sqliteOptions.Value, organizationId, actor ?? DefaultActor),
        DatabaseProvider.Postgres => new PostgresMamoriDb(_postgresOptions.Value, organizationId, actor ?? DefaultActor),
        _ => throw new InvalidOperationException($"Unknown provider {Options.Provider}."),
    };

    /// <summary>
    /// A context confined to <paramref name="organizationId"/> that writes in the transaction
    /// <paramref name="owner"/> has begun, on its connection: one commit for a write that spans
    /// organizations (the first administrator joining each), each organization's rows still written
    /// and audited through a context confined to it. Dispose it before the owner.
    /// </summary>
    public async Task<MamoriDb> OpenInTransactionAsync(MamoriDb owner, Guid organizationId, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        var transaction = owner.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Begin a transaction on the owning context first.");
        var db = Open(organizationId, actor);
        db.Database.SetDbConnection(owner.Database.GetDbConnection(), contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        return db;
    }

    // Built once: a server opens two or three contexts a request, and options are immutable.
    private readonly Lazy<DbContextOptions<SqliteMamoriDb>> _sqliteOptions = new(() => SqliteOptions(options.ConnectionString, options.Interceptors));
    private readonly Lazy<DbContextOptions<PostgresMamoriDb>> _postgresOptions = new(() => PostgresOptions(options.ConnectionString, options.Interceptors));

    /// <summary>Applies the provider's pending migrations, creating the database file or schema if needed.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Options.SqliteFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        if (Options.SqliteFile is { } newFile && new FileInfo(newFile) is { Exists: false } or { Length: 0 })
        {
            await CreateSqliteFileAsync(cancellationToken);
        }

        await using var db = Open();
        await db.Database.MigrateAsync(cancellationToken);
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers are not blocked by a writer, and a commit is one append to the log.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await OptimizeAsync(db, cancellationToken);
    }

    /// <summary>
    /// For a short-lived process (the CLI): migrates (<see cref="MigrateAsync"/>) only when the database
    /// is not at this version's last migration, which one query on the history table tells. Migrating
    /// an up-to-date database still takes EF's migration lock and reads the history through its
    /// pipeline, a fifth of a second that every command would otherwise pay. A server keeps calling
    /// <see cref="MigrateAsync"/> at start, which also refreshes SQLite's statistics.
    /// </summary>
    public async Task MigrateIfBehindAsync(CancellationToken cancellationToken = default)
    {
        // EF builds its relational model (tables and columns of every entity) lazily, at the first
        // query: about a fifth of a second of a short command. Built on the other core while the
        // database file is opened and its migration checked, it is ready when the command queries.
        Task relationalModel;
        await using (var db = Open())
        {
            var model = db.Model;
            relationalModel = Task.Run(() => model.GetRelationalModel(), cancellationToken);
        }

        if (!await IsAtLatestMigrationAsync(cancellationToken))
        {
            await MigrateAsync(cancellationToken);
        }

        await relationalModel;
    }

    private async Task<bool> IsAtLatestMigrationAsync(CancellationToken cancellationToken)
    {
        if (Options.SqliteFile is { } file && new FileInfo(file) is not { Exists: true, Length: > 0 })
        {
            return false;
        }

        await using var db = Open();
        var latest = LatestMigration(Options.Provider);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""";
            return await command.ExecuteScalarAsync(cancellationToken) as string == latest;
        }
        catch (System.Data.Common.DbException)
        {
            // No history table, or no database yet: migrating creates them.
            return false;
        }
    }

    /// <summary>
    /// The id of the provider's last migration, named here rather than found through EF
    /// (<c>Database.GetMigrations()</c>), which loads every type of this assembly, and the Open XML SDK
    /// and Markdig that they name, to find the migrations among them: a tenth of a second a command
    /// would pay for one string. The_migrations test fails when a newer migration is not named here.
    /// </summary>
    internal static string LatestMigration(DatabaseProvider provider) => MigrationId(provider switch
    {
        DatabaseProvider.Sqlite => typeof(Migrations.Sqlite.InventoriesAndNotifications),
        DatabaseProvider.Postgres => typeof(Migrations.Postgres.InventoriesAndNotifications),
        _ => throw new InvalidOperationException($"Unknown provider {provider}."),
    });

    private static string MigrationId(Type migration) =>
        migration.GetCustomAttribute<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()!.Id;

    /// <summary>
    /// Creates the SQLite file with 16 KB pages, which a database's page size is fixed to from then on.
    /// SQLite's default, 4 KB, suits small rows; this database also keeps whole files (evidence, every
    /// imported register), and with 16 KB pages a 100,000-row import commits a quarter as many log
    /// frames (its commit 0.17–0.19 s instead of 0.23–0.26 s). Databases made before keep their pages.
    /// </summary>
    private async Task CreateSqliteFileAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The page size takes effect when the first page is written, which switching to WAL does.
        command.CommandText = $"PRAGMA page_size = {SqlitePageSize}; PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The page size of SQLite files this version creates.</summary>
    internal const int SqlitePageSize = 16_384;

    /// <summary>
    /// Lets SQLite gather the statistics its planner needs where they are missing or stale (with a
    /// bounded sample, so quickly): without them it takes "organization = ?" for a selective
    /// condition and reads a page of fifty rows by scanning the organization's index instead of
    /// looking the fifty up. PostgreSQL gathers its own (autovacuum).
    /// </summary>
    internal static async Task OptimizeAsync(MamoriDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    /// <summary>
    /// The work <see cref="MaintainSoon"/> started last: a process about to exit (the CLI) waits for it, so
    /// that it leaves its database file whole rather than beside a long write-ahead log.
    /// </summary>
    public Task PendingMaintenance { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// After a large commit that left its pages in SQLite's write-ahead log (an import): refreshes the
    /// planner's statistics (<see cref="OptimizeAsync"/>) and copies the log into the database file, on a
    /// connection of its own once the import has answered. Readers and writers go on meanwhile; if the
    /// checkpoint cannot finish now, the next commit's automatic one does the same work.
    /// </summary>
    internal void MaintainSoon()
    {
        if (Options.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        PendingMaintenance = Task.Run(async () =>
        {
            try
            {
                await using var db = Open();
                await OptimizeAsync(db, CancellationToken.None);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException)
            {
                // Housekeeping only: nothing is lost, and the next commit checkpoints the log.
            }
        });
    }

    /// <summary>
    /// Commits a large write (an import). On SQLite the commit only appends to the write-ahead log:
    /// copying a hundred megabytes of it into the database file is left to <see cref="MaintainSoon"/>,
    /// after the caller has answered. The log is still flushed to disk (synchronous stays FULL).
    /// </summary>
    internal static async Task CommitLeavingCheckpointAsync(MamoriDb db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 0", cancellationToken);
        // Nor does closing the connection (the CLI's are not pooled): SQLite would checkpoint on the last close.
        SQLitePCL.raw.sqlite3_db_config(((SqliteConnection)db.Database.GetDbConnection()).Handle, NoCheckpointOnClose, 1, out _);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // The connection goes back to the pool, where other writes keep SQLite's default.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 1000", CancellationToken.None);
        }
    }

    /// <summary>SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE.</summary>
    private const int NoCheckpointOnClose = 1006;

    /// <summary>
    /// Options with the compiled model (CompiledModels/), which spares every process building the model
    /// from the configurations: half a second of CPU. The design-time tools still build it from the
    /// configurations (`migrations add`, `dbcontext optimize`).
    /// </summary>
    internal static DbContextOptions<SqliteMamoriDb> SqliteOptions(string connectionString, IReadOnlyList<IInterceptor>? interceptors = null) =>
        new DbContextOptionsBuilder<SqliteMamoriDb>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(MamoriDb).Assembly.FullName))
            .UseModel(CompiledModels.Sqlite.SqliteMamoriDbModel.Instance)
            .ConfigureWarnings(IgnorePendingModelChanges)
            .AddInterceptors(interceptors ?? [])
            .Options;

    /// <inheritdoc cref="SqliteOptions"/>
    internal static DbContextOptions<PostgresMamoriDb> PostgresOptions(string connectionString, IReadOnlyList<IInterceptor>? interceptors = null) =>
        new DbContextOptionsBuilder<PostgresMamoriDb>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(MamoriDb).Assembly.FullName))
            .UseModel(CompiledModels.Postgres.PostgresMamoriDbModel.Instance)
            .ConfigureWarnings(IgnorePendingModelChanges)
            .AddInterceptors(interceptors ?? [])
            .Options;

    /// <summary>
    /// Migrating checks that the migrations capture the model by building the whole model from the
    /// configurations and diffing it with the last snapshot: half a second of CPU at every server start
    /// and first command, to find a mistake only a developer can make. The_migrations test finds it
    /// instead (Capture_every_change_to_the_model), on both providers.
    /// </summary>
    private static void IgnorePendingModelChanges(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);
}
