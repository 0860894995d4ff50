using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain;
using Mamori.Features.Scs;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori scs --org SLUG --format json|xlsx|docx [--year N] [--out PATH]`: the ★3 self-assessment of a
/// fiscal year (this one unless --year), every criterion with its answer or proposal, evidence and
/// review. xlsx and docx need --out; json prints unless --out is given.
/// </summary>
internal static class ScsCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("json", "xlsx", "docx");
        var output = new Option<string>("--out") { Description = CliText.OptionExportOut, HelpName = "PATH" };
        var year = new Option<int?>("--year") { Description = CliText.OptionScsYear, HelpName = "YEAR" };
        var command = new Command("scs", CliText.ScsDescription) { target.Organization, format, year, output, target.Db, target.Connection };
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
            var today = time.Today(organization);
            var sheet = await Star3Assessment.BuildAsync(context, organization, parsed.GetValue(year) ?? Star3Assessment.CurrentYear(today), today, culture, cancellationToken);
            if (chosen == "xlsx")
            {
                await using var file = new FileStream(path!, FileMode.CreateNew);
                await Star3Export.WorkbookAsync(file, sheet, culture, cancellationToken);
            }
            else if (chosen == "docx")
            {
                await using var file = new FileStream(path!, FileMode.CreateNew);
                Documents.Docx.PolicyDocx.Write(file, [Star3Export.Document(sheet, organization, today, culture)]);
            }
            else if (path is null)
            {
                console.Out.Write(Json(sheet, culture));
                return ExitCodes.Success;
            }
            else
            {
                await File.WriteAllTextAsync(path, Json(sheet, culture), new System.Text.UTF8Encoding(false), cancellationToken);
            }

            console.Out.WriteLine(Text.Format(CliText.ExportWritten, path!));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Json(Star3Assessment.Sheet sheet, CultureInfo culture)
    {
        using var writer = new StringWriter();
        JsonOutput.Write(writer, new
        {
            sheet.Year,
            Started = sheet.Assessment is not null,
            Criteria = sheet.Rows.Count,
            sheet.Answered,
            sheet.Proposals,
            sheet.Confirmed,
            ConfirmedByExpert = sheet.IsConfirmedByExpert,
            Progress = sheet.Progress.Select(p => new { p.Category.Id, Title = p.Category.Title.In(culture), p.Criteria, p.Met, p.Partial, p.NotMet, p.NotApplicable, p.Proposed, p.Unanswered }),
            Rows = sheet.Rows.Select(r => new
            {
                r.Criterion.Id,
                Requirement = r.Criterion.RequirementId,
                Text = r.Criterion.Text.In(culture),
                r.Criterion.Yearly,
                Status = Star3Words.Key(r.Status),
                Proposed = r.IsProposal,
                r.Reason,
                r.Note,
                Source = r.Answer?.Source ?? "",
                Grounds = r.Grounds.Select(g => g.Label),
                Evidence = sheet.LinksOf(r).Select(l => l.Label).Concat(r.Files.Select(f => f.FileName)),
                Review = Star3Words.Key(r.ReviewState),
                Comments = r.Review.Where(n => n.Text.Length > 0).Select(n => new { State = Star3Words.Key(n.State), n.Text, n.WrittenBy }),
            }),
            Opinion = sheet.Opinion.Select(n => new { State = Star3Words.Key(n.State), n.Text, n.WrittenBy }),
        });
        return writer.ToString();
    }
}
