using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori export policy|handbook|register|risks --org SLUG --format … --out PATH`: the same files the
/// web application offers. policy: docx, pdf, md (a zip of Markdown files); handbook (the
/// 従業員ハンドブック): docx, pdf; register and risks:
/// xlsx (the IPA-layout workbook with live formulas, both sheets), csv for the register.
/// </summary>
internal static class ExportCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var what = new Argument<string>("WHAT") { Description = CliText.ArgumentExportWhat };
        what.AcceptOnlyFromAmong("policy", "handbook", "register", "risks");
        var target = new OrganizationOptions();
        var format = new Option<string>("--format") { Description = CliText.OptionFormat, Required = true };
        format.AcceptOnlyFromAmong("docx", "pdf", "md", "xlsx", "csv");
        var output = new Option<string>("--out") { Description = CliText.OptionExportOut, Required = true, HelpName = "PATH" };
        var drafts = new Option<bool>("--drafts") { Description = CliText.OptionDrafts };
        var command = new Command("export", CliText.ExportDescription) { what, target.Organization, format, output, drafts, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var kind = parsed.GetValue(what)!;
            var chosen = parsed.GetValue(format)!;
            var allowed = kind switch
            {
                "policy" => new[] { "docx", "pdf", "md" },
                "handbook" => ["docx", "pdf"],
                "register" => ["xlsx", "csv"],
                _ => ["xlsx"],
            };
            if (!allowed.Contains(chosen))
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.ExportFormatNotFor, chosen, kind, string.Join(", ", allowed))}");
                return ExitCodes.Usage;
            }

            var path = Path.GetFullPath(parsed.GetValue(output)!);
            if (File.Exists(path))
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.ExportTargetExists, path)}");
                return ExitCodes.Rejected;
            }

            if (kind is "policy" or "handbook")
            {
                // This process is fresh: the other core loads what filling and writing documents
                // reads while this one opens the database.
                _ = Task.Run(() => ExportPolicySet.Prepare(CommonOptions.Culture), cancellationToken);
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            if (kind is "policy" or "handbook")
            {
                var result = kind == "handbook"
                    ? await EmployeeHandbook.HandleAsync(context, organization, time.Today(organization), chosen == "pdf" ? EmployeeHandbook.Format.Pdf : EmployeeHandbook.Format.Docx, culture, cancellationToken)
                    : await ExportPolicySet.HandleAsync(context, organization, time.Today(organization), chosen switch { "pdf" => ExportPolicySet.Format.Pdf, "md" => ExportPolicySet.Format.Markdown, _ => ExportPolicySet.Format.Docx }, culture, parsed.GetValue(drafts), cancellationToken);
                if (result.Content is null)
                {
                    console.Error.WriteLine($"mamori: {result.Problem}");
                    return ExitCodes.Rejected;
                }

                await File.WriteAllBytesAsync(path, result.Content, cancellationToken);
            }
            else
            {
                var assets = context.Assets.AsNoTracking().OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name).AsAsyncEnumerable();
                await using var file = File.Create(path);
                if (chosen == "csv")
                {
                    await RegisterExport.WriteCsvAsync(file, assets, culture, cancellationToken);
                }
                else
                {
                    await RegisterWorkbook.WriteAsync(file, assets, organization.RiskBands, culture, cancellationToken);
                }
            }

            console.Out.WriteLine(Text.Format(CliText.ExportWritten, path));
            return ExitCodes.Success;
        });
        return command;
    }
}
