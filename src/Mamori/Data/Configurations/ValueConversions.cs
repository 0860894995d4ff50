using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data.Configurations;

/// <summary>
/// How values without a column type of their own are stored. The audit log writes values the same
/// way, so a JSON column and its audit entry read alike (and the chain's hashes depend on it).
/// </summary>
internal static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A value stored as JSON text (a list, a dictionary, a small record).</summary>
internal sealed class JsonConverter<T>() : ValueConverter<T, string>(
    value => JsonSerializer.Serialize(value, StoredJson.Options),
    json => JsonSerializer.Deserialize<T>(json, StoredJson.Options)!);

/// <summary>Compares JSON-stored values by their JSON, so that a change inside a list is a change.</summary>
internal sealed class JsonComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, StoredJson.Options) == JsonSerializer.Serialize(b, StoredJson.Options),
    value => JsonSerializer.Serialize(value, StoredJson.Options).GetHashCode(StringComparison.Ordinal),
    value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, StoredJson.Options), StoredJson.Options)!);

internal sealed class RatingConverter() : ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v));

/// <summary>A scheme as its key, with its two thresholds after it when it is a custom one.</summary>
internal sealed class RiskBandSchemeConverter() : ValueConverter<RiskBandScheme, string>(
    s => s.Key == RiskBandScheme.CustomKey ? $"{s.Key}:{s.MediumFrom}:{s.HighFrom}" : s.Key,
    v => ParseScheme(v))
{
    // Internal, not private: the compiled models (Data/CompiledModels/) call it.
    internal static RiskBandScheme ParseScheme(string stored)
    {
        var parts = stored.Split(':');
        return parts.Length == 3
            ? RiskBandScheme.FromStored(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : RiskBandScheme.FromStored(stored, 0, 0);
    }
}
