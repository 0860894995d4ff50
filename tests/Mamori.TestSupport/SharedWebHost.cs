using System.Collections.Concurrent;

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
