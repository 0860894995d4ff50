using System.CommandLine;
using System.Globalization;
using System.Text;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Features.Soa;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori soa --org SLUG --format xlsx|docx|json|md [--out PATH]`: the Statement of Applicability,
/// all 93 controls, decided and proposed. xlsx and docx need --out; json and md print unless --out is given.
/// </summary>
internal static class SoaCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("md", "json", "xlsx", "docx");
        var output = new Option<string>("--out") { Description = CliText.OptionExportOut, HelpName = "PATH" };
        var command = new Command("soa", CliText.SoaDescription) { target.Organization, format, output, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var chosen = parsed.GetValue(format)!;
            var path = parsed.GetValue(output) is { } given ? Path.GetFullPath(given) : null;
            if (chosen is "xlsx" or "docx" && path is null)
            {
                console.Error.WriteLine($"mamori: {CliText.SoaXlsxNeedsOut}");
                return ExitCodes.Usage;
            }

            if (path is not null && File.Exists(path))
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.ExportTargetExists, path)}");
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            var statement = await StatementOfApplicability.BuildAsync(context, organization, culture, cancellationToken);
            if (chosen == "xlsx")
            {
                await using var file = new FileStream(path!, FileMode.CreateNew);
                await SoaWorkbook.WriteAsync(file, statement, culture, cancellationToken);
                console.Out.WriteLine(Text.Format(CliText.ExportWritten, path));
                return ExitCodes.Success;
            }

            if (chosen == "docx")
            {
                await using var file = new FileStream(path!, FileMode.CreateNew);
                Documents.Docx.PolicyDocx.Write(file, [SoaDocument.Render(statement, organization, time.Today(organization), culture)]);
                console.Out.WriteLine(Text.Format(CliText.ExportWritten, path));
                return ExitCodes.Success;
            }

            var text = chosen == "json" ? Json(statement, culture) : SoaDocument.Markdown(SoaDocument.Render(statement, organization, time.Today(organization), culture));
            if (path is null)
            {
                console.Out.Write(text);
            }
            else
            {
                await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken);
                console.Out.WriteLine(Text.Format(CliText.ExportWritten, path));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Json(StatementOfApplicability.Statement statement, CultureInfo culture)
    {
        using var writer = new StringWriter();
        JsonOutput.Write(writer, new
        {
            Controls = statement.Rows.Count,
            statement.Decided,
            Rows = statement.Rows.Select(r => new
            {
                Control = r.Control.Id,
                Title = r.Control.Title(culture),
                Theme = r.Control.Theme.ToString().ToLowerInvariant(),
                Applicability = r.Applicability.ToString().ToLowerInvariant(),
                r.Justification,
                Status = r.Status switch { Domain.Soa.ImplementationStatus.Implemented => "implemented", Domain.Soa.ImplementationStatus.Partial => "partial", Domain.Soa.ImplementationStatus.Planned => "planned", _ => "not-started" },
                r.Owner,
                Proposed = r.IsProposal,
                Risks = r.Risks.Select(x => x.Statement),
                Documents = r.Documents.Select(d => $"{d.Number} {d.Title}".Trim()),
                Tasks = r.Tasks.Select(t => t.Title),
                r.EvidenceNotes,
                EvidenceFiles = r.Evidence.Select(e => e.FileName),
            }),
            Warnings = statement.Warnings.Select(w => new { Kind = w.Kind.ToString(), w.ControlId, w.Subject }),
        });
        return writer.ToString();
    }
}
