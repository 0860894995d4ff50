using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Catalogs;
using Mamori.Cli.Resources;
using Mamori.Features.Baseline;
using Mamori.Web.Features.Baseline;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori diagnosis questions`: the 25 questions and the answers they take; `mamori diagnosis results|gaps --org SLUG`: the 自社診断's results (each department's latest sheet and the
/// combined score) and its gaps (items below 実施している, with the chapter that covers each), as the API answers them.
/// </summary>
internal static class DiagnosisCommand
{
    public static Command Build(CliConsole console) =>
        new("diagnosis", CliText.DiagnosisDescription) { Questions(console), Results(console), Gaps(console) };

    private static Command Questions(CliConsole console)
    {
        var format = CommonOptions.Format("table", "json");
        var command = new Command("questions", CliText.DiagnosisQuestionsDescription) { format };
        command.SetAction(parsed =>
        {
            var questions = DiagnosisApi.QuestionsFor(CommonOptions.Culture);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, questions);
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnItemNumber, CliText.ColumnItem, CliText.ColumnChapter],
                questions.Questions.Select(q => (IReadOnlyList<string>)[q.Number.ToString(CultureInfo.InvariantCulture), q.Question, q.ChapterId]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Results(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("results", CliText.DiagnosisResultsDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var overview = await SelfDiagnosisResults.OverviewAsync(context, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, DiagnosisResultsDto.From(overview));
                return ExitCodes.Success;
            }

            if (overview.Latest.Count == 0)
            {
                console.Out.WriteLine(Text.Format(CliText.NoDiagnosis, organization.Name));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnDiagnosisDepartment, CliText.ColumnRespondent, CliText.ColumnAnsweredAt, CliText.ColumnScore],
                overview.Latest.Select(r => (IReadOnlyList<string>)
                [
                    r.Department,
                    r.Respondent,
                    r.AnsweredAt.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.Score.ToString(CultureInfo.InvariantCulture),
                ]));
            console.Out.WriteLine(Text.Format(CliText.DiagnosisCombinedScore, overview.CombinedScore));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Gaps(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("gaps", CliText.DiagnosisGapsDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var overview = await SelfDiagnosisResults.OverviewAsync(context, cancellationToken);
            var gaps = overview.Latest.Count == 0 ? [] : SelfDiagnosisResults.Gaps(overview.Combined, CommonOptions.Culture);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, gaps.Select(DiagnosisGapDto.From));
                return ExitCodes.Success;
            }

            if (overview.Latest.Count == 0)
            {
                console.Out.WriteLine(Text.Format(CliText.NoDiagnosis, organization.Name));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnItemNumber, CliText.ColumnItem, CliText.ColumnAnswer, CliText.ColumnChapter],
                gaps.Select(g => (IReadOnlyList<string>)
                [
                    g.Item.Number.ToString(CultureInfo.InvariantCulture),
                    g.Item.Label,
                    BaselineCatalog.For(CommonOptions.Culture).AnswerLabels.GetValueOrDefault(g.Answer, g.Answer.ToString()),
                    g.Chapter is { } chapter ? $"{chapter.Number} {chapter.Title}" : "-",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
