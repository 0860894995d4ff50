using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The bulk insert binds values itself rather than through Microsoft.Data.Sqlite: each value is
/// written once by SaveChanges and once by the bulk insert, and the stored values compared as
/// SQLite holds them (storage class, quoted value and bytes).
/// </summary>
public class Binding_values_without_Microsoft_Data_Sqlite : IDisposable
{
    private const int BulkIds = 1000;

    private readonly TempFiles _files = new();

    [Fact]
    public async Task Stores_every_supported_type_as_Microsoft_Data_Sqlite_does()
    {
        await using var db = Open();
        var samples = Enumerable.Range(1, 7).Select(Sample.Make).ToList();
        db.Samples.AddRange(samples);
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            using var insert = SqliteInsert<Sample>.Prepare(db, db.Model.FindEntityType(typeof(Sample))!, (_, p) => throw new InvalidOperationException(p.Name));
            foreach (var sample in Enumerable.Range(1, 7).Select(Sample.Make))
            {
                sample.Id += BulkIds;
                insert.Write(sample);
            }

            await transaction.CommitAsync();
        }

        var columns = db.Model.FindEntityType(typeof(Sample))!.GetProperties().Select(p => p.Name).Where(n => n != nameof(Sample.Id)).ToList();
        var saved = await StoredAsync(db, columns, "\"Id\" < 1000");
        var bulk = await StoredAsync(db, columns, "\"Id\" > 1000");

        Assert.Equal(7, saved.Count);
        Assert.Equal(saved, bulk);
        Assert.Contains(saved, r => r.Contains("Text: text '' ", StringComparison.Ordinal));
        Assert.Contains(saved, r => r.Contains("Text: null NULL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_a_column_it_cannot_bind_as_Microsoft_Data_Sqlite_would()
    {
        await using var db = Open();

        var refused = Assert.Throws<NotSupportedException>(() => SqliteInsert<Priced>.Prepare(db, db.Model.FindEntityType(typeof(Priced))!, (_, _) => null));

        Assert.Contains("Priced.Price", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    private SampleDb Open()
    {
        var db = new SampleDb(new DbContextOptionsBuilder<SampleDb>().UseSqlite($"Data Source={_files.PathOf("samples.db")};Pooling=false").Options);
        db.Database.EnsureCreated();
        db.Database.OpenConnection();
        return db;
    }

    /// <summary>Each row's columns as SQLite holds them: storage class, quote() and hex() of the value.</summary>
    private static async Task<List<string>> StoredAsync(SampleDb db, List<string> columns, string where)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {string.Join(" || ' | ' || ", columns.Select(c => $"'{c}: ' || typeof(\"{c}\") || ' ' || quote(\"{c}\") || ' ' || hex(\"{c}\")"))} FROM \"Samples\" WHERE {where} ORDER BY \"Id\"";
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
        private static readonly string?[] Texts = ["", "社員名簿", "a\0b", "絵文字 😀", new string('長', 300), "\uD800 lone surrogate", null];

        public int Id { get; set; }

        public string? Text { get; set; }

        public byte[]? Blob { get; set; }

        public bool Flag { get; set; }

        public bool? MaybeFlag { get; set; }

        public short Small { get; set; }

        public int Number { get; set; }

        public long Big { get; set; }

        public long? MaybeBig { get; set; }

        public double Real { get; set; }

        public float Single { get; set; }

        public Guid Key { get; set; }

        public Guid? MaybeKey { get; set; }

        public DateOnly Day { get; set; }

        public DateOnly? MaybeDay { get; set; }

        public DateTimeOffset Moment { get; set; }

        public DateTimeOffset? MaybeMoment { get; set; }

        public DateTime Time { get; set; }

        public PersonalInformationKinds Kinds { get; set; }

        public AuditAction? MaybeAction { get; set; }

        public Rating Rating { get; set; }

        public Rating? MaybeRating { get; set; }

        public static Sample Make(int i) => new()
        {
            Id = i,
            Text = Texts[i % Texts.Length],
            Blob = (i % 3) switch { 0 => null, 1 => [], _ => [0, 1, 0xFF, (byte)i] },
            Flag = i % 2 == 0,
            MaybeFlag = i % 3 == 0 ? null : i % 2 == 1,
            Small = i % 2 == 0 ? short.MinValue : (short)i,
            Number = i % 2 == 0 ? int.MaxValue : -i,
            Big = i % 2 == 0 ? long.MinValue : long.MaxValue - i,
            MaybeBig = i % 3 == 0 ? null : i * 1_000_000_007L,
            Real = (i % 4) switch { 0 => 0.1, 1 => double.MaxValue, 2 => -1e-300, _ => i / 3.0 },
            Single = i / 7f,
            Key = i % 2 == 0 ? Guid.Empty : new Guid($"0199ab{i:D2}-cdef-7abc-8def-0123456789ab"),
            MaybeKey = i % 3 == 0 ? null : new Guid($"{i:D8}-aaaa-bbbb-cccc-ddddeeeeffff"),
            Day = (i % 3) switch { 0 => DateOnly.MinValue, 1 => DateOnly.MaxValue, _ => new DateOnly(2026, 4, i) },
            MaybeDay = i % 2 == 0 ? null : new DateOnly(1999, 12, 31),
            Moment = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromMinutes((i - 3) * 150)).AddTicks((i % 3) switch { 0 => 0, 1 => 5_000_000, _ => i * 1_234_567 }),
            MaybeMoment = i % 2 == 0 ? null : new DateTimeOffset(2026, 11, 24, 4, 55, 36, TimeSpan.Zero).AddTicks(8_818_787),
            Time = new DateTime(2026, 4, 1, 9, 0, 0, i % 2 == 0 ? DateTimeKind.Utc : DateTimeKind.Unspecified).AddTicks((i % 3) switch { 0 => 0, 1 => 1_200_000, _ => i * 10_000_001 }),
            Kinds = (PersonalInformationKinds)(i % 8),
            MaybeAction = i % 2 == 0 ? null : AuditAction.Deleted,
            Rating = Rating.From(1 + (i % 3)),
            MaybeRating = i % 3 == 0 ? null : Rating.High,
        };
    }

    public sealed class Priced
    {
        public int Id { get; set; }

        public decimal Price { get; set; }
    }

    private sealed class SampleDb(DbContextOptions<SampleDb> options) : DbContext(options)
    {
        public DbSet<Sample> Samples => Set<Sample>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Sample>().Property(s => s.Id).ValueGeneratedNever();
            modelBuilder.Entity<Sample>().Property(s => s.Rating).HasConversion(new ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v)));
            modelBuilder.Entity<Sample>().Property(s => s.MaybeRating).HasConversion(new ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v)));
            modelBuilder.Entity<Priced>().Property(p => p.Id).ValueGeneratedNever();
        }
    }
}
