using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mamori.Data;
using Mamori.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mamori.Cli.Tests.Servers;

/// <summary>
/// `mamori serve` killed with SIGKILL in the middle of edits and of an import, then started
/// again on the same database: every write it had acknowledged (2xx) is there, an import is
/// all there or not there at all, and the audit chain still verifies.
/// </summary>
public class Killing_the_server_mid_write(ITestOutputHelper output)
{
    private const int ImportRows = 3000;

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Loses_no_acknowledged_edit(DatabaseProvider provider)
    {
        await using var database = await ServerDatabase.CreateAsync(provider);
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
        await using var database = await ServerDatabase.CreateAsync(provider);
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

        // One import run to the end gives the time to aim the kills at.
        var timer = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Redirect, await ImportAsync(server, "完走"));
        var full = timer.Elapsed;
        Assert.Equal(ImportRows, await CountAsync(database, organization, "完走"));
        output.WriteLine($"{provider}: a {ImportRows}-row import takes {full.TotalMilliseconds:F0} ms");

        var interrupted = 0;
        foreach (var fraction in new[] { 0.3, 0.6, 0.8, 0.9, 0.95 })
        {
            var prefix = $"中断{fraction:F2}";
            var upload = ImportAsync(server, prefix);
            await Task.Delay(full * fraction);
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
            output.WriteLine($"{provider}: killed at {fraction:P0}: answer {answer?.ToString() ?? "none"}, {count} rows stored");
            Assert.True(answer is null or HttpStatusCode.Redirect, $"the import was refused ({answer}), not interrupted");
            Assert.True(count is 0 or ImportRows, $"half an import is stored: {count} of {ImportRows} rows");
            if (answer == HttpStatusCode.Redirect)
            {
                Assert.Equal(ImportRows, count);
            }

            interrupted += count == 0 ? 1 : 0;
        }

        output.WriteLine($"{provider}: {interrupted} of 5 imports were cut off by the kill");
        await using (var db = database.Open().Open(organization))
        {
            Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
        }
    }

    private async Task<HttpStatusCode> ImportAsync(ServerProcess server, string prefix)
    {
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);
        await Forms.SignInAsync(client);
        var token = await Forms.TokenAsync(client, "/o/demo/assets/import");
        var csv = new StringBuilder("業務分類,情報資産名称,機密性,完全性,可用性\n");
        for (var i = 0; i < ImportRows; i++)
        {
            csv.Append(prefix).Append(",資産").Append(i).Append(",2,2,1\n");
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv.ToString())]), "file", "register.csv" },
        };
        var response = await client.PostAsync("/o/demo/assets/import", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            output.WriteLine(await response.Content.ReadAsStringAsync());
        }

        return response.StatusCode;
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
