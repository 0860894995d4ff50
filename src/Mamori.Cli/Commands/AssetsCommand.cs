using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Assets;

namespace Mamori.Cli.Commands;

/// <summary>`mamori assets import|list`.</summary>
internal static class AssetsCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var command = new Command("assets", CliText.AssetsDescription);
        command.Subcommands.Add(Import(console, time));
        command.Subcommands.Add(List(console));
        return command;
    }

    private static Command Import(CliConsole console, TimeProvider time)
    {
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentRegisterFile };
        var target = new OrganizationOptions();
        var command = new Command("import", CliText.AssetsImportDescription) { file, target.Organization, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.FileNotFound, path.FullName)}");
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Database: var database })
            {
                return ExitCodes.Rejected;
            }

            var result = await ImportAssets.HandleAsync(database, organization.Id, path.FullName, time, path.Name, cancellationToken);
            if (!result.Succeeded)
            {
                ProblemReport.Write(console, Text.Format(CliText.ImportRejected, result.Problems.Count), result.Problems);
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.ImportSucceeded, result.Imported, organization.Name));
            await database.PendingMaintenance;
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.AssetsListDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Database: var database })
            {
                return ExitCodes.Rejected;
            }

            var assets = await ListAssets.HandleAsync(database, organization.Id, cancellationToken);
            var bands = organization.RiskBands;
            var culture = CommonOptions.Culture;
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new
                {
                    Organization = organization.Slug,
                    Bands = bands.Key,
                    Assets = assets.Select(a => new
                    {
                        a.BusinessCategory,
                        a.Name,
                        a.Notes,
                        a.UserScope,
                        a.RiskOwner,
                        a.Department,
                        a.MediaAndLocation,
                        PersonalInformation = a.PersonalInformation.HasFlag(Domain.Assets.PersonalInformationKinds.Personal),
                        SensitivePersonalInformation = a.PersonalInformation.HasFlag(Domain.Assets.PersonalInformationKinds.Sensitive),
                        MyNumber = a.PersonalInformation.HasFlag(Domain.Assets.PersonalInformationKinds.MyNumber),
                        Confidentiality = a.Confidentiality.Value,
                        Integrity = a.Integrity.Value,
                        Availability = a.Availability.Value,
                        Importance = a.Importance.Value,
                        a.RetentionPeriod,
                        a.RegisteredOn,
                        Likelihood = a.Likelihood?.Value,
                        RiskValue = a.RiskValue?.Value,
                        Band = a.RiskValue is { } r ? bands.Classify(r).ToString().ToLowerInvariant() : null,
                    }),
                });
                return ExitCodes.Success;
            }

            if (assets.Count == 0)
            {
                console.Out.WriteLine(Text.Format(CliText.NoAssets, organization.Name, organization.Slug));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnBusinessCategory, CliText.ColumnAssetName, CliText.ColumnDepartment, CliText.ColumnConfidentiality, CliText.ColumnIntegrity, CliText.ColumnAvailability, CliText.ColumnImportance, CliText.ColumnLikelihood, CliText.ColumnRiskValue, CliText.ColumnBand],
                assets.Select(a => (IReadOnlyList<string>)
                [
                    a.BusinessCategory,
                    a.Name,
                    a.Department,
                    AssessCommand.Number(a.Confidentiality.Value),
                    AssessCommand.Number(a.Integrity.Value),
                    AssessCommand.Number(a.Availability.Value),
                    AssessCommand.Number(a.Importance.Value),
                    a.Likelihood is { } l ? AssessCommand.Number(l.Value) : "-",
                    a.RiskValue is { } r ? AssessCommand.Number(r.Value) : "-",
                    a.RiskValue is { } v ? bands.Label(bands.Classify(v), culture) : "-",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
