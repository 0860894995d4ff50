using System.CommandLine;
using System.Text.Json;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Baseline;
using Mamori.Features.Baseline;
using Mamori.Import;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori selfcheck score FILE`: the 自社診断 score, band and gaps of a file of answers —
/// CSV (columns 番号/no and 回答/answer) or JSON ({"1": "done", …} or [{"no": 1, "answer": 4}, …]).
/// Answers: done/partly/not-done/unknown, 4/2/0/-1, or 実施している/一部実施している/実施していない/わからない.
/// </summary>
internal static class SelfcheckCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("selfcheck", CliText.SelfcheckDescription);
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentAnswersFile };
        var format = CommonOptions.Format("table", "json");
        var score = new Command("score", CliText.SelfcheckScoreDescription) { file, format };
        score.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.FileNotFound, path.FullName)}");
                return ExitCodes.Rejected;
            }

            Dictionary<int, DiagnosisAnswer> answers;
            List<string> problems;
            try
            {
                (answers, problems) = Read(path.FullName);
            }
            catch (Exception e) when (e is JsonException or UnreadableFileException)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.SelfcheckUnreadable, path.Name, e.Message)}");
                return ExitCodes.Rejected;
            }

            var missing = Enumerable.Range(1, DiagnosisScore.ItemCount).Where(n => !answers.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(Text.Format(CliText.SelfcheckMissing, string.Join(", ", missing)));
            }

            if (problems.Count > 0)
            {
                console.Error.WriteLine($"mamori: {string.Join(Environment.NewLine + "  ", problems)}");
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            var total = DiagnosisScore.Of(answers.Values);
            var band = BaselineCatalog.For(culture).BandText(total);
            var gaps = SelfDiagnosisResults.Gaps(answers, culture);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new
                {
                    Score = total,
                    Band = DiagnosisScore.BandOf(total).ToString().ToLowerInvariant(),
                    band.Status,
                    band.Next,
                    Gaps = gaps.Select(g => new { g.Item.Number, g.Item.Label, Answer = AnswerId(g.Answer), g.Item.WhatToDo, Chapter = g.Chapter?.Title }),
                });
                return ExitCodes.Success;
            }

            console.Out.WriteLine(Text.Format(CliText.SelfcheckScore, total, band.Status));
            console.Out.WriteLine(band.Next);
            if (gaps.Count > 0)
            {
                console.Out.WriteLine();
                TextTable.Write(console.Out, [CliText.ColumnNumber, CliText.ColumnItem, CliText.ColumnAnswer, CliText.ColumnChapter],
                    gaps.Select(g => (IReadOnlyList<string>)[g.Item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Item.Label, BaselineCatalog.For(culture).AnswerLabels[g.Answer], g.Chapter?.Title ?? ""]));
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(score);
        return command;
    }

    private static (Dictionary<int, DiagnosisAnswer> Answers, List<string> Problems) Read(string path)
    {
        var answers = new Dictionary<int, DiagnosisAnswer>();
        var problems = new List<string>();
        void Add(string where, string? number, string? answer)
        {
            if (!int.TryParse(number, out var n) || n is < 1 or > DiagnosisScore.ItemCount)
            {
                problems.Add(Text.Format(CliText.SelfcheckBadNumber, where, number));
            }
            else if (Parse(answer) is not { } parsed)
            {
                problems.Add(Text.Format(CliText.SelfcheckBadAnswer, where, answer));
            }
            else if (!answers.TryAdd(n, parsed))
            {
                problems.Add(Text.Format(CliText.SelfcheckDuplicate, where, n));
            }
        }

        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            using (var file = File.OpenRead(path))
            {
                ImportGuard.CheckSize(file, ImportLimits.Default);
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("answers", out var inner) ? inner : document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    Add(property.Name, property.Name, property.Value.ToString());
                }
            }
            else if (root.ValueKind != JsonValueKind.Array)
            {
                problems.Add(CliText.SelfcheckJsonShape);
            }
            else
            {
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    index++;
                    var where = $"#{index}";
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("no", out var no) || !item.TryGetProperty("answer", out var answer))
                    {
                        problems.Add(Text.Format(CliText.SelfcheckJsonItem, where));
                        continue;
                    }

                    Add(where, no.ToString(), answer.ToString());
                }
            }

            return (answers, problems);
        }

        using var stream = File.OpenRead(path);
        int? numberColumn = null, answerColumn = null;
        foreach (var row in SheetReader.Read(stream, path))
        {
            if (numberColumn is null)
            {
                var headers = row.Cells.Select(c => c.Text.Trim().ToLowerInvariant()).ToList();
                numberColumn = headers.FindIndex(h => h is "番号" or "no" or "number" or "項目番号");
                answerColumn = headers.FindIndex(h => h is "回答" or "answer");
                if (numberColumn < 0 || answerColumn < 0)
                {
                    problems.Add(CliText.SelfcheckHeader);
                    return (answers, problems);
                }

                continue;
            }

            if (row.IsBlank)
            {
                continue;
            }

            var where = Text.Format(CliText.SelfcheckRow, row.RowNumber);
            if (row[numberColumn.Value].IsFormula || row[answerColumn!.Value].IsFormula)
            {
                problems.Add($"{where}: {Mamori.Resources.Messages.CellFormulaNotAllowed}");
                continue;
            }

            Add(where, row[numberColumn.Value].Text.Trim(), row[answerColumn.Value].Text.Trim());
        }

        return (answers, problems);
    }

    /// <summary>The id the input accepts, so JSON output can be fed back in.</summary>
    private static string AnswerId(DiagnosisAnswer answer) => answer switch
    {
        DiagnosisAnswer.Done => "done",
        DiagnosisAnswer.Partly => "partly",
        DiagnosisAnswer.NotDone => "not-done",
        _ => "unknown",
    };

    private static DiagnosisAnswer? Parse(string? answer) => answer?.Trim().ToLowerInvariant() switch
    {
        "done" or "4" or "実施している" or "○" => DiagnosisAnswer.Done,
        "partly" or "2" or "一部実施している" or "△" => DiagnosisAnswer.Partly,
        "not-done" or "0" or "実施していない" or "×" => DiagnosisAnswer.NotDone,
        "unknown" or "-1" or "わからない" or "?" => DiagnosisAnswer.Unknown,
        _ => null,
    };
}
