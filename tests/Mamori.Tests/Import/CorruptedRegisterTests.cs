using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Assets;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Import;

/// <summary>
/// Thousands of mutated copies of a valid register (byte flips, truncation, shuffled and
/// damaged XML parts, damaged CSV), each imported for real: the importer answers every one
/// with either a full import or reported problems — never an exception, never a hang, never
/// part of a file stored. Seeded, so a failure names the copy that reproduces it.
/// </summary>
public sealed class A_corrupted_register : IAsyncLifetime, IDisposable
{
    private const int Seed = 20261124;

    /// <summary>A hang guard, far above the milliseconds one small file takes; not a speed requirement.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;
    private readonly TempFiles _files = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _database = null!;
    private Organization _organization = null!;

    public A_corrupted_register() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _organization = (await CreateOrganization.HandleAsync(_database.Database, new("acme", "株式会社acme"), _time)).Created!;
    }

    [Theory]
    [InlineData("xlsx", 2_000)]
    [InlineData("csv", 1_000)]
    public async Task Is_imported_whole_or_refused_with_problems_never_crashing_hanging_or_storing_part(string kind, int copies)
    {
        var valid = kind == "xlsx" ? HostileFiles.ValidXlsx() : HostileFiles.ValidCsv();
        var outcomes = new Dictionary<string, int>();
        for (var copy = 0; copy < copies; copy++)
        {
            var random = new Random(Seed + copy);
            var (mutation, bytes) = kind == "xlsx" ? MutateXlsx(valid, random) : MutateCsv(valid, random);
            var path = _files.Bytes($"copy-{copy}.{kind}", bytes);
            var where = $"{kind} copy {copy} (seed {Seed + copy}, {mutation})";

            ImportAssets.Result result;
            try
            {
                result = await Task.Run(() => ImportAssets.HandleAsync(_database.Database, _organization.Id, path, _time)).WaitAsync(Bound);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{where}: no answer within {Bound.TotalSeconds} s");
                throw;
            }
            catch (Exception e)
            {
                Assert.Fail($"{where}: threw {e}");
                throw;
            }

            var stored = await AssetCountAsync();
            if (result.Succeeded)
            {
                Assert.True(stored == result.Imported && stored > 0, $"{where}: reported {result.Imported} imported, {stored} stored");
                await ClearAsync();
            }
            else
            {
                Assert.True(result.Problems.All(p => !string.IsNullOrWhiteSpace(p.Message)), $"{where}: a problem without a message");
                Assert.True(stored == 0, $"{where}: refused, yet {stored} assets were stored");
            }

            var outcome = result.Succeeded ? "imported" : "refused";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            File.Delete(path);
        }

        // Most copies are broken; a test whose mutations never broke anything would prove nothing.
        Assert.True(outcomes.GetValueOrDefault("refused") > copies / 2, string.Join(", ", outcomes));
    }

    private static (string Mutation, byte[] Bytes) MutateXlsx(byte[] valid, Random random) => random.Next(5) switch
    {
        0 => ("byte flips", FlipBytes(valid, random)),
        1 => ("truncation", valid[..random.Next(valid.Length)]),
        2 => ("shuffled XML", ChangePart(valid, random, ShuffleXml)),
        3 => ("flipped bytes inside an XML part", ChangePart(valid, random, (text, r) => Encoding.UTF8.GetString(FlipBytes(Encoding.UTF8.GetBytes(text), r)))),
        _ => ("XML cut short", ChangePart(valid, random, (text, r) => text[..r.Next(text.Length)])),
    };

    private static (string Mutation, byte[] Bytes) MutateCsv(byte[] valid, Random random) => random.Next(4) switch
    {
        0 => ("byte flips", FlipBytes(valid, random)),
        1 => ("truncation", valid[..random.Next(valid.Length)]),
        2 => ("shuffled lines", Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(valid).Split('\n').OrderBy(_ => random.Next())))),
        _ => ("quotes and separators", Sprinkle(valid, random, "\",;\t\r\n=\0"u8.ToArray())),
    };

    private static byte[] FlipBytes(byte[] bytes, Random random)
    {
        var copy = bytes.ToArray();
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static byte[] Sprinkle(byte[] bytes, Random random, byte[] characters)
    {
        var copy = bytes.ToList();
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            copy.Insert(random.Next(copy.Count), characters[random.Next(characters.Length)]);
        }

        return [.. copy];
    }

    /// <summary>Elements moved, duplicated or dropped: tags stay well-formed-looking while the structure breaks.</summary>
    private static string ShuffleXml(string xml, Random random)
    {
        var pieces = xml.Split('<').ToList();
        for (var i = random.Next(1, 6); i > 0 && pieces.Count > 2; i--)
        {
            var a = random.Next(1, pieces.Count);
            var b = random.Next(1, pieces.Count);
            switch (random.Next(3))
            {
                case 0:
                    (pieces[a], pieces[b]) = (pieces[b], pieces[a]);
                    break;
                case 1:
                    pieces.Insert(b, pieces[a]);
                    break;
                default:
                    pieces.RemoveAt(a);
                    break;
            }
        }

        return string.Join('<', pieces);
    }

    /// <summary>One XML part of the workbook changed, the zip itself kept valid.</summary>
    private static byte[] ChangePart(byte[] valid, Random random, Func<string, Random, string> change) =>
        HostileFiles.Changed(valid, zip =>
        {
            var parts = zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal))
                .Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
            // The sheet is where the rows are, so it is picked most often.
            var name = random.Next(2) == 0 ? HostileFiles.SheetPartName(zip) : parts[random.Next(parts.Count)];
            HostileFiles.Write(zip, name, change(HostileFiles.Read(zip, name), random));
        });

    private async Task<int> AssetCountAsync()
    {
        await using var db = _database.Database.Open(_organization.Id);
        return await db.Assets.CountAsync();
    }

    private async Task ClearAsync()
    {
        await using var db = _database.Database.Open(_organization.Id);
        await db.Assets.ExecuteDeleteAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        _files.Dispose();
    }
}
