using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Features.Assess;

/// <summary>
/// Computes 重要度, 被害発生可能性, リスク値 and band for every row of a register file,
/// without touching any database.
/// </summary>
public static class AssessRegister
{
    public sealed record AssessedAsset(
        int Row,
        string BusinessCategory,
        string Name,
        int Confidentiality,
        int Integrity,
        int Availability,
        int Importance,
        int? Likelihood,
        int? RiskValue,
        RiskBand? Band);

    public sealed record Result(IReadOnlyList<AssessedAsset> Assets, IReadOnlyList<ImportProblem> Problems, RiskBandScheme Bands);

    public static Result Run(string path, RiskBandScheme bands)
    {
        RegisterParseResult parsed;
        try
        {
            parsed = RegisterParser.Parse(path);
        }
        catch (UnreadableFileException e)
        {
            return new([], [new ImportProblem(null, null, e.Message)], bands);
        }

        var assets = parsed.Entries.Select(e => new AssessedAsset(
            e.RowNumber,
            e.Asset.BusinessCategory,
            e.Asset.Name,
            e.Asset.Confidentiality.Value,
            e.Asset.Integrity.Value,
            e.Asset.Availability.Value,
            e.Asset.Importance.Value,
            e.Asset.Likelihood?.Value,
            e.Asset.RiskValue?.Value,
            e.Asset.RiskValue is { } risk ? bands.Classify(risk) : null)).ToList();
        return new(assets, parsed.Problems, bands);
    }
}
