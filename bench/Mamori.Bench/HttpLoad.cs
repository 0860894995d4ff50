using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Mamori.Bench;

/// <summary>Latencies of one HTTP run: every request's time, in milliseconds.</summary>
public sealed record LoadResult(string Url, int Concurrency, int Requests, int Failures, double P50, double P99);

/// <summary>
/// A small closed-loop load generator for 127.0.0.1: each client sends its next request when the
/// previous one has answered, for a fixed time, and every latency is kept to compute percentiles.
/// </summary>
public sealed partial class HttpLoad(Uri baseAddress, string cookie) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Signs in through the real form (antiforgery token and all) and returns the session cookie.</summary>
    public static async Task<string> SignInAsync(Uri baseAddress, string email, string password)
    {
        var (client, cookies) = await SignedInClientAsync(baseAddress, email, password);
        using (client)
        {
            return $"mamori={cookies.GetCookies(baseAddress)["mamori"]!.Value}";
        }
    }

    /// <summary>
    /// A client signed in through the real form (antiforgery token and all), keeping its cookies as a
    /// browser does, redirects not followed.
    /// </summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> SignedInClientAsync(Uri baseAddress, string email, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var token = await AntiforgeryTokenAsync(client, "/account/signin");
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (cookies.GetCookies(baseAddress)["mamori"] is null)
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in failed ({(int)response.StatusCode}).");
        }

        return (client, cookies);
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/> (its cookie stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var form = await client.GetStringAsync(path);
        return AntiforgeryField().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{path} has no antiforgery token.");
    }

    /// <summary>Waits until <paramref name="path"/> answers 200, and returns how long that took from <paramref name="started"/>.</summary>
    public static async Task<TimeSpan> WaitForAsync(Uri baseAddress, string path, Stopwatch started, TimeSpan limit, Process? server = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (started.Elapsed < limit)
        {
            if (server is { HasExited: true })
            {
                throw new InvalidOperationException($"The server stopped with code {server.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return started.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{path} did not answer within {limit.TotalSeconds} s.");
    }

    /// <summary>Runs <paramref name="concurrency"/> clients against <paramref name="path"/> for <paramref name="duration"/>, after a warm-up.</summary>
    public async Task<LoadResult> RunAsync(string path, int concurrency, TimeSpan duration, TimeSpan warmUp)
    {
        await LoopAsync(path, concurrency, Until(warmUp), keep: false);
        return Result(path, concurrency, await LoopAsync(path, concurrency, Until(duration), keep: true));
    }

    /// <summary>
    /// Runs <paramref name="concurrency"/> clients against <paramref name="path"/> until <paramref name="during"/>
    /// has finished (at most <paramref name="limit"/>): the latencies another user meets meanwhile.
    /// </summary>
    public async Task<LoadResult> RunDuringAsync(string path, int concurrency, Task during, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        return Result(path, concurrency, await LoopAsync(path, concurrency, () => !during.IsCompleted && clock.Elapsed < limit, keep: true));
    }

    public void Dispose() => _client.Dispose();

    private static Func<bool> Until(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed < duration;
    }

    private static LoadResult Result(string path, int concurrency, (List<double> Latencies, int Failures) run)
    {
        run.Latencies.Sort();
        return new(path, concurrency, run.Latencies.Count, run.Failures, Percentile(run.Latencies, 0.50), Percentile(run.Latencies, 0.99));
    }

    private async Task<(List<double> Latencies, int Failures)> LoopAsync(string path, int concurrency, Func<bool> goOn, bool keep)
    {
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            var failed = 0;
            // Each client sends one request at least, so that a short run still measures something.
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", cookie);
                var started = Stopwatch.GetTimestamp();
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failed++;
                }

                if (keep)
                {
                    mine.Add(elapsed);
                }
            }
            while (goOn());

            return (mine, failed);
        })).ToList();
        var results = await Task.WhenAll(clients);
        return (results.SelectMany(r => r.mine).ToList(), results.Sum(r => r.failed));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
