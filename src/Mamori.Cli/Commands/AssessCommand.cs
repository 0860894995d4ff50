using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Risk;
using Mamori.Features.Assess;

namespace Mamori.Cli.Commands;

/// <summary>`mamori assess FILE`: 重要度, 被害発生可能性, リスク値 and band for each row, no database involved.</summary>
internal static class AssessCommand
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentRegisterFile };
        var format = CommonOptions.Format("table", "json");
        var bands = new Option<string>("--bands")
        {
            Description = CliText.OptionBands,
            DefaultValueFactory = _ => RiskBandScheme.IpaKey,
        };
        bands.AcceptOnlyFromAmong(RiskBandScheme.IpaKey, RiskBandScheme.Iso27005Key);

        var command = new Command("assess", CliText.AssessDescription) { file, format, bands };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.FileNotFound, path.FullName)}");
                return ExitCodes.Rejected;
            }

            var scheme = RiskBandScheme.FindPreset(parsed.GetValue(bands)!)!;
            var result = AssessRegister.Run(path.FullName, scheme);
            if (result.Problems.Count > 0)
            {
                ProblemReport.Write(console, Text.Format(CliText.AssessRejected, result.Problems.Count), result.Problems);
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new
                {
                    Bands = scheme.Key,
                    Assets = result.Assets.Select(a => new
                    {
                        a.Row,
                        a.BusinessCategory,
                        a.Name,
                        a.Confidentiality,
                        a.Integrity,
                        a.Availability,
                        a.Importance,
                        a.Likelihood,
                        a.RiskValue,
                        Band = a.Band?.ToString().ToLowerInvariant(),
                        BandLabel = a.Band is { } band ? scheme.Label(band, culture) : null,
                    }),
                });
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnRow, CliText.ColumnBusinessCategory, CliText.ColumnAssetName, CliText.ColumnConfidentiality, CliText.ColumnIntegrity, CliText.ColumnAvailability, CliText.ColumnImportance, CliText.ColumnLikelihood, CliText.ColumnRiskValue, CliText.ColumnBand],
                result.Assets.Select(a => (IReadOnlyList<string>)
                [
                    Number(a.Row),
                    a.BusinessCategory,
                    a.Name,
                    Number(a.Confidentiality),
                    Number(a.Integrity),
                    Number(a.Availability),
                    Number(a.Importance),
                    a.Likelihood is { } l ? Number(l) : "-",
                    a.RiskValue is { } r ? Number(r) : "-",
                    a.Band is { } b ? scheme.Label(b, culture) : "-",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
