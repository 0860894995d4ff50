using System.Text;

namespace Mamori.Tests.Support;

/// <summary>A folder of files for one test, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mamori-tests", Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes CSV text in the given encoding (UTF-8 without BOM by default).</summary>
    public string Csv(string name, string text, Encoding? encoding = null, bool bom = false)
    {
        var path = PathOf(name);
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return path;
    }

    public string Bytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
