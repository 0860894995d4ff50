using System.Text;
using System.Text.Json;

namespace Mamori.Cli.Tests;

/// <summary>Runs the `mamori` command in-process against a temp folder, capturing what it prints.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly Dictionary<string, string?> _environment;

    public CliRunner(string lang = "ja_JP.UTF-8")
    {
        Directory.CreateDirectory(Folder);
        _environment = new()
        {
            ["LANG"] = lang,
            ["MAMORI_DB"] = Path.Combine(Folder, "mamori.db"),
            ["MAMORI_TEST_POSTGRES"] = Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES"),
        };
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mamori-cli-tests", Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Folder, name);

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

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Out).RootElement;
    }
}

public static class SeedCsv
{
    public const string Text = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9
        経理,当社宛請求書,過去3年分,経理部,経理部長,経理部,経理担当者のPC,3,3,2,3,2,6
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3,3,3,3,2,6

        """;
}
