using System.Collections.Concurrent;
using Mamori.Data;

namespace Mamori.Web.Tests;

/// <summary>
/// One web host for the tests of a class (<c>IClassFixture&lt;SharedWebHost&gt;</c>), started once
/// instead of once a test: for the rows of a theory that only read what one setup made, or for
/// tests that each work in an organization and with users of their own. A test that needs an
/// empty installation, its own settings or its own clock makes a <see cref="WebHost"/> of its own.
/// </summary>
public sealed class SharedWebHost : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _setups = new();

    public WebHost Host { get; } = new();

    /// <summary>
    /// Runs <paramref name="setup"/> on the host the first time any test of the class asks for
    /// <paramref name="name"/>, and gives every later caller what it returned.
    /// </summary>
    public async Task<T> OnceAsync<T>(string name, Func<WebHost, Task<T>> setup)
        where T : class =>
        (T)await _setups.GetOrAdd(name, _ => new(async () => await setup(Host))).Value;

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// One web host per database provider for the tests of a class (<c>IClassFixture&lt;SharedWebHosts&gt;</c>), each
/// started when a test first asks for it: for tests that run on both providers and each work in an
/// organization and with users of their own.
/// </summary>
public sealed class SharedWebHosts : IDisposable
{
    private readonly Lazy<WebHost> _sqlite = new(() => new WebHost(DatabaseProvider.Sqlite));
    private readonly Lazy<WebHost> _postgres = new(() => new WebHost(DatabaseProvider.Postgres));

    public WebHost For(DatabaseProvider provider) => (provider == DatabaseProvider.Sqlite ? _sqlite : _postgres).Value;

    public void Dispose()
    {
        foreach (var host in new[] { _sqlite, _postgres }.Where(h => h.IsValueCreated))
        {
            host.Value.Dispose();
        }
    }
}
