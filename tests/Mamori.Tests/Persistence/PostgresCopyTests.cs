using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The bulk insert writes PostgreSQL's binary COPY with its own typed writers: each value is
/// written once by SaveChanges and once by the COPY, and the stored values compared as PostgreSQL
/// holds them (type and text form of each column).
/// </summary>
public class Copying_values_into_PostgreSQL
{
    private const int CopiedIds = 1000;

    [Fact]
    public async Task Stores_every_supported_type_as_SaveChanges_does()
    {
        await using var database = await SampleDatabase.CreateAsync();
        await using var db = database.Open();
        db.Samples.AddRange(Enumerable.Range(1, 7).Select(Sample.Make));
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var copy = PostgresCopy<Sample>.Prepare(db, db.Model.FindEntityType(typeof(Sample))!, (_, p) => throw new InvalidOperationException(p.Name));
            var copied = Enumerable.Range(1, 7).Select(Sample.Make).ToList();
            copied.ForEach(s => s.Id += CopiedIds);
            await copy.WriteAsync(copied.Take(3), CancellationToken.None);
            await copy.WriteAsync(copied.Skip(3), CancellationToken.None);
            await copy.FinishAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        var columns = db.Model.FindEntityType(typeof(Sample))!.GetProperties().Select(p => p.Name).Where(n => n != nameof(Sample.Id)).ToList();
        var saved = await StoredAsync(db, columns, $"\"Id\" < {CopiedIds}");
        var copiedRows = await StoredAsync(db, columns, $"\"Id\" > {CopiedIds}");

        Assert.Equal(7, saved.Count);
        Assert.Equal(saved, copiedRows);
        Assert.Contains(saved, r => r.Contains("Text: text ''", StringComparison.Ordinal));
        Assert.Contains(saved, r => r.Contains("Text: text NULL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stops_when_cancelled_midway_and_leaves_the_connection_usable()
    {
        await using var database = await SampleDatabase.CreateAsync();
        await using var db = database.Open();
        using var cancel = new CancellationTokenSource();
        IEnumerable<Sample> Rows()
        {
            yield return Sample.Make(1);
            cancel.Cancel();
            yield return Sample.Make(2);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var copy = PostgresCopy<Sample>.Prepare(db, db.Model.FindEntityType(typeof(Sample))!, (_, p) => throw new InvalidOperationException(p.Name));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy.WriteAsync(Rows(), cancel.Token));
        }

        db.Samples.Add(Sample.Make(3));
        await db.SaveChangesAsync();
        Assert.Equal([3], await db.Samples.AsNoTracking().Select(s => s.Id).ToListAsync());
    }

    [Fact]
    public async Task Writes_the_shadow_values_it_is_given()
    {
        await using var database = await SampleDatabase.CreateAsync();
        await using var db = database.Open();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var copy = PostgresCopy<Tagged>.Prepare(db, db.Model.FindEntityType(typeof(Tagged))!, (t, p) => p.Name == "Tag" ? $"tag{t.Id}" : null);
            await copy.WriteAsync([new Tagged { Id = 1 }, new Tagged { Id = 2 }], CancellationToken.None);
            await copy.FinishAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        var tags = await db.Tagged.OrderBy(t => t.Id).Select(t => EF.Property<string>(t, "Tag")).ToListAsync();
        Assert.Equal(["tag1", "tag2"], tags);
    }

    [Theory]
    [InlineData(typeof(Priced), "Priced.Price")]
    [InlineData(typeof(Timed), "Timed.At")]
    [InlineData(typeof(Counted), "Counted.Count")]
    public void Refuses_a_column_it_cannot_write_as_SaveChanges_would(Type entity, string column)
    {
        // Only the model is needed: nothing is sent to the server.
        using var db = new SampleDb(new DbContextOptionsBuilder<SampleDb>().UseNpgsql(TestDatabase.AdminConnectionString()).Options);

        var refused = Assert.Throws<NotSupportedException>(() => entity.Name switch
        {
            nameof(Priced) => (object)PostgresCopy<Priced>.Prepare(db, db.Model.FindEntityType(entity)!, (_, _) => null),
            nameof(Timed) => PostgresCopy<Timed>.Prepare(db, db.Model.FindEntityType(entity)!, (_, _) => null),
            _ => PostgresCopy<Counted>.Prepare(db, db.Model.FindEntityType(entity)!, (_, _) => null),
        });

        Assert.Contains(column, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Each row's columns as PostgreSQL holds them: type and quoted text form.</summary>
    private static async Task<List<string>> StoredAsync(SampleDb db, List<string> columns, string where)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {string.Join(" || ' | ' || ", columns.Select(c => $"'{c}: ' || pg_typeof(\"{c}\")::text || ' ' || quote_nullable(\"{c}\"::text)"))} FROM \"Samples\" WHERE {where} ORDER BY \"Id\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public sealed class Sample
    {
        private static readonly string?[] Texts = ["", "社員名簿", "改行\r\nタブ\t", "絵文字 😀", new string('長', 300), "'引用' \\ \"", null];

        public int Id { get; set; }

        public string? Text { get; set; }

        public string Short { get; set; } = "";

        public byte[]? Blob { get; set; }

        public bool Flag { get; set; }

        public bool? MaybeFlag { get; set; }

        public int Number { get; set; }

        public int? MaybeNumber { get; set; }

        public Guid Key { get; set; }

        public Guid? MaybeKey { get; set; }

        public DateOnly Day { get; set; }

        public DateOnly? MaybeDay { get; set; }

        public DateTimeOffset Moment { get; set; }

        public DateTimeOffset? MaybeMoment { get; set; }

        public PersonalInformationKinds Kinds { get; set; }

        public AuditAction? MaybeAction { get; set; }

        public Rating Rating { get; set; }

        public Rating? MaybeRating { get; set; }

        public static Sample Make(int i) => new()
        {
            Id = i,
            Text = Texts[i % Texts.Length],
            Short = i % 2 == 0 ? "" : $"短い{i}",
            Blob = (i % 3) switch { 0 => null, 1 => [], _ => [0, 1, 0xFF, (byte)i] },
            Flag = i % 2 == 0,
            MaybeFlag = i % 3 == 0 ? null : i % 2 == 1,
            Number = i % 2 == 0 ? int.MaxValue : -i,
            MaybeNumber = i % 3 == 0 ? null : int.MinValue + i,
            Key = i % 2 == 0 ? Guid.Empty : new Guid($"0199ab{i:D2}-cdef-7abc-8def-0123456789ab"),
            MaybeKey = i % 3 == 0 ? null : new Guid($"{i:D8}-aaaa-bbbb-cccc-ddddeeeeffff"),
            // PostgreSQL's date range, within DateOnly's.
            Day = (i % 3) switch { 0 => new DateOnly(1, 1, 1), 1 => DateOnly.MaxValue, _ => new DateOnly(2026, 4, i) },
            MaybeDay = i % 2 == 0 ? null : new DateOnly(1999, 12, 31),
            Moment = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((i % 3) switch { 0 => 0, 1 => 5_000_000, _ => i * 1_234_567 }),
            MaybeMoment = i % 2 == 0 ? null : new DateTimeOffset(2026, 11, 24, 4, 55, 36, TimeSpan.Zero).AddTicks(8_818_787),
            Kinds = (PersonalInformationKinds)(i % 8),
            MaybeAction = i % 2 == 0 ? null : AuditAction.Deleted,
            Rating = Rating.From(1 + (i % 3)),
            MaybeRating = i % 3 == 0 ? null : Rating.High,
        };
    }

    public sealed class Tagged
    {
        public int Id { get; set; }
    }

    public sealed class Priced
    {
        public int Id { get; set; }

        public decimal Price { get; set; }
    }

    public sealed class Timed
    {
        public int Id { get; set; }

        public DateTime At { get; set; }
    }

    public sealed class Counted
    {
        public int Id { get; set; }

        public long Count { get; set; }
    }

    private sealed class SampleDb(DbContextOptions<SampleDb> options) : DbContext(options)
    {
        public DbSet<Sample> Samples => Set<Sample>();

        public DbSet<Tagged> Tagged => Set<Tagged>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Sample>().Property(s => s.Id).ValueGeneratedNever();
            modelBuilder.Entity<Sample>().Property(s => s.Short).HasMaxLength(20);
            modelBuilder.Entity<Sample>().Property(s => s.Rating).HasConversion(new ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v)));
            modelBuilder.Entity<Sample>().Property(s => s.MaybeRating).HasConversion(new ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v)));
            modelBuilder.Entity<Tagged>().Property(t => t.Id).ValueGeneratedNever();
            modelBuilder.Entity<Tagged>().Property<string>("Tag");
            modelBuilder.Entity<Priced>().Property(p => p.Id).ValueGeneratedNever();
            modelBuilder.Entity<Timed>().Property(t => t.Id).ValueGeneratedNever();
            modelBuilder.Entity<Counted>().Property(c => c.Id).ValueGeneratedNever();
        }
    }

    /// <summary>A new database on the test server, with the sample tables; dropped afterwards.</summary>
    private sealed class SampleDatabase : IAsyncDisposable
    {
        private readonly string _name = $"mamori_copy_{Guid.NewGuid():N}";

        private string ConnectionString => new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString()) { Database = _name }.ConnectionString;

        public static async Task<SampleDatabase> CreateAsync()
        {
            var database = new SampleDatabase();
            await using (var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString()))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database._name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            await using var db = database.Open();
            await db.Database.EnsureCreatedAsync();
            return database;
        }

        public SampleDb Open() => new(new DbContextOptionsBuilder<SampleDb>().UseNpgsql(ConnectionString).Options);

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
