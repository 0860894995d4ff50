using System.Globalization;
using System.Resources;

namespace Mamori.Resources;

/// <summary>A resource in a given language, for text written in the language of a document rather than of the current thread.</summary>
public static class ResourceText
{
    public static string Text(this ResourceManager resources, string name, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return resources.GetString(name, culture) ?? throw new InvalidOperationException($"The resource {name} is missing.");
    }
}
