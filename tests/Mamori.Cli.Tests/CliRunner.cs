using System.Text;
using System.Text.Json;
using Mamori.Tests.Support;

namespace Mamori.Cli.Tests;

/// <summary>Runs the `mamori` command in-process against a temp folder, capturing what it prints.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly Dictionary<string, string?> _environment;

    public CliRunner(string lang = "ja_JP.UTF-8")
    {
        _environment = new()
        {
            ["LANG"] = lang,
            ["MAMORI_DB"] = Path.Combine(Folder, "mamori.db"),
            ["MAMORI_TEST_POSTGRES"] = Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES"),
        };
    }

    public string Folder => _files.Folder;

    public string PathOf(string name) => _files.PathOf(name);

    public string WriteFile(string name, string text, bool bom = true)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await MamoriCli.RunAsync(args, new CliConsole(output, error, name => _environment.GetValueOrDefault(name)), TimeProvider.System);
        return new(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _files.Dispose();

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Out).RootElement;
    }
}

/// <summary>The seed's register as the CSV a person would hand the CLI.</summary>
public static class SeedCsv
{
    public static string Text { get; } = SeedRegister.Csv();
}
