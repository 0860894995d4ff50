using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mamori.Data;
using Mamori.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Mamori.Cli.Tests.Servers;

/// <summary>
/// `mamori serve` killed with SIGKILL in the middle of edits and of an import, then started
/// again on the same database: every write it had acknowledged (2xx) is there, an import cut
/// short by the kill is not there at all, and the audit chain still verifies.
/// </summary>
public class Killing_the_server_mid_write(ITestOutputHelper output)
{
    private const int ImportRows = 3000;

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Loses_no_acknowledged_edit(DatabaseProvider provider)
    {
        await using var database = await ServerDatabase.CreateWithDemoAsync(provider);
        var server = await ServerProcess.StartAsync(database.Arguments, demo: true);
        await using var _ = server;
        var token = await database.AdminTokenAsync();
        var created = new ConcurrentDictionary<string, bool>();
        var updated = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();

        async Task WriterAsync(int writer)
        {
            using var api = server.Client();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var i = 0; i < 500 && !stop.IsCancellationRequested; i++)
            {
                var name = $"編集{writer}-{i}";
                try
                {
                    var post = await api.PostAsJsonAsync("/api/v1/organizations/demo/assets", new { businessCategory = "試験", name, confidentiality = 1, integrity = 1, availability = 1 });
                    if (!post.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    created[name] = true;
                    Interlocked.Increment(ref acknowledged);
                    var put = await api.PutAsJsonAsync(post.Headers.Location!.OriginalString, new { businessCategory = "試験", name, confidentiality = 3, integrity = 1, availability = 1, version = 0 });
                    if (put.IsSuccessStatusCode)
                    {
                        updated[name] = 3;
                        Interlocked.Increment(ref acknowledged);
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        }

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => WriterAsync(w))).ToList();
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref acknowledged) < 60 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        server.KillHard();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await server.DisposeAsync();
        Assert.True(created.Count > 0, "no write was acknowledged before the kill");
        output.WriteLine($"{provider}: {created.Count} creates and {updated.Count} updates acknowledged before kill -9");

        await using (await ServerProcess.StartAsync(database.Arguments))
        {
            var organization = await OrganizationAsync(database);
            await using var db = database.Open().Open(organization);
            var stored = await db.Assets.AsNoTracking().Where(a => a.BusinessCategory == "試験").ToDictionaryAsync(a => a.Name, a => a.Confidentiality.Value);
            Assert.All(created.Keys, name => Assert.True(stored.ContainsKey(name), $"acknowledged {name} is missing"));
            Assert.All(updated, pair => Assert.Equal(pair.Value, stored[pair.Key]));
            Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Leaves_an_import_whole_or_absent(DatabaseProvider provider)
    {
        await using var database = await ServerDatabase.CreateWithDemoAsync(provider);
        var server = await ServerProcess.StartAsync(database.Arguments, demo: true);
        try
        {
            await ImportsAsync(provider, database, server, restarted => server = restarted);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private async Task ImportsAsync(DatabaseProvider provider, ServerDatabase database, ServerProcess server, Action<ServerProcess> restarted)
    {
        var organization = await OrganizationAsync(database);

        // One import run to the end: the form, the file and the server all work.
        Assert.Equal(HttpStatusCode.Redirect, await await StartImportAsync(server, "完走"));
        Assert.Equal(ImportRows, await CountAsync(database, organization, "完走"));

        // Each kill is aimed at an import whose transaction is open: rows written, nothing committed. The
        // commit may still win the race between seeing the transaction and the kill; then all its rows are there.
        var interrupted = 0;
        for (var attempt = 1; attempt <= 3 && interrupted == 0; attempt++)
        {
            var prefix = $"中断{attempt}";
            // The watch below tells an idle database from a writing one (housekeeping after the last import may still write).
            var idle = Stopwatch.StartNew();
            while (await ImportTransactionOpenAsync(database))
            {
                Assert.True(idle.Elapsed < TimeSpan.FromSeconds(30), "a write transaction stays open with no import running");
                await Task.Delay(5);
            }

            var upload = await StartImportAsync(server, prefix);
            var caughtWriting = await WaitForImportTransactionAsync(database, upload);
            server.KillHard();
            HttpStatusCode? answer = null;
            try
            {
                answer = await upload;
            }
            catch (HttpRequestException)
            {
            }

            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(database.Arguments);
            restarted(server);
            var count = await CountAsync(database, organization, prefix);
            output.WriteLine($"{provider}: kill {attempt}, {(caughtWriting ? "while the import wrote" : "after the import ended")}: answer {answer?.ToString() ?? "none"}, {count} rows stored");
            Assert.True(answer is null or HttpStatusCode.Redirect, $"the import was refused ({answer}), not interrupted");
            Assert.True(count is 0 or ImportRows, $"half an import is stored: {count} of {ImportRows} rows");
            if (answer == HttpStatusCode.Redirect)
            {
                Assert.Equal(ImportRows, count);
            }

            interrupted += caughtWriting && answer is null && count == 0 ? 1 : 0;
        }

        Assert.True(interrupted > 0, "no kill landed while an import was writing: the test proved nothing about an interrupted import");
        await using (var db = database.Open().Open(organization))
        {
            Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
        }
    }

    /// <summary>Signs in and loads the import form, then posts a register of <see cref="ImportRows"/> rows: the returned task is the server's answer.</summary>
    private async Task<Task<HttpStatusCode>> StartImportAsync(ServerProcess server, string prefix)
    {
        var client = server.Client(new CookieContainer());
        await Forms.SignInAsync(client);
        var token = await Forms.TokenAsync(client, "/o/demo/assets/import");
        var csv = new StringBuilder("業務分類,情報資産名称,機密性,完全性,可用性\n");
        for (var i = 0; i < ImportRows; i++)
        {
            csv.Append(prefix).Append(",資産").Append(i).Append(",2,2,1\n");
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv.ToString())]), "file", "register.csv" },
        };
        return PostAsync();

        async Task<HttpStatusCode> PostAsync()
        {
            using (client)
            using (form)
            {
                var response = await client.PostAsync("/o/demo/assets/import", form);
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    output.WriteLine(await response.Content.ReadAsStringAsync());
                }

                return response.StatusCode;
            }
        }
    }

    /// <summary>
    /// Watches the database until the import's transaction holds its write lock (true), or the upload has
    /// been answered first (false). Nothing else writes to the demo while the test imports.
    /// </summary>
    private static async Task<bool> WaitForImportTransactionAsync(ServerDatabase database, Task upload)
    {
        while (!upload.IsCompleted)
        {
            if (await ImportTransactionOpenAsync(database))
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }

    /// <summary>Whether a transaction that writes assets is open on the database.</summary>
    private static async Task<bool> ImportTransactionOpenAsync(ServerDatabase database)
    {
        if (database.Options.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
            await connection.OpenAsync();
            // Writing rows into a table takes a ROW EXCLUSIVE lock on it, held until the transaction ends.
            await using var writing = new NpgsqlCommand(
                """
                SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                               WHERE c.relname = 'Assets' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid())
                """,
                connection);
            return (bool)(await writing.ExecuteScalarAsync())!;
        }

        // SQLite has one writer at a time: BEGIN IMMEDIATE, not waiting, answers busy while another's write transaction is open.
        await using var probe = new SqliteConnection($"Data Source={database.Options.SqliteFile};Pooling=False");
        await probe.OpenAsync();
        SQLitePCL.raw.sqlite3_busy_timeout(probe.Handle, 0);
        var result = SQLitePCL.raw.sqlite3_exec(probe.Handle, "BEGIN IMMEDIATE");
        if (result == SQLitePCL.raw.SQLITE_OK)
        {
            SQLitePCL.raw.sqlite3_exec(probe.Handle, "ROLLBACK");
        }

        return (result & 0xFF) == SQLitePCL.raw.SQLITE_BUSY;
    }

    private static async Task<Guid> OrganizationAsync(ServerDatabase database)
    {
        await using var db = database.Open().Open();
        return (await db.Organizations.SingleAsync(o => o.Slug == "demo")).Id;
    }

    private static async Task<int> CountAsync(ServerDatabase database, Guid organization, string prefix)
    {
        await using var db = database.Open().Open(organization);
        return await db.Assets.CountAsync(a => a.BusinessCategory == prefix);
    }
}
