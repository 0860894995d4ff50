using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// The asset register and its risk analysis as an Excel workbook in the IPA リスク分析シート's
/// layout: 情報資産管理台帳, which Mamori's importer reads back, and リスク分析. 重要度, 被害発生可能性,
/// リスク値 and 判定 are live formulas, each with the value Mamori computed beside it, so the file
/// keeps computing when a rating is edited in Excel and shows numbers in viewers that do not compute.
/// Rows are streamed: any number of assets is written in constant memory.
/// </summary>
public static class RegisterWorkbook
{
    private const int RegisterSheetId = 1;
    private const int RiskSheetId = 2;

    /// <summary>Writes the workbook to <paramref name="output"/>, which need not be seekable.</summary>
    public static Task WriteAsync(Stream output, IAsyncEnumerable<InformationAsset> assets, RiskBandScheme bands, CultureInfo culture, CancellationToken cancellationToken = default) =>
        WriteAsync(output, assets, bands, culture, includeCachedValues: true, cancellationToken);

    /// <param name="includeCachedValues">False only in tests, to prove that a spreadsheet application computes the formulas itself.</param>
    internal static Task WriteAsync(
        Stream output, IAsyncEnumerable<InformationAsset> assets, RiskBandScheme bands, CultureInfo culture, bool includeCachedValues, CancellationToken cancellationToken) =>
        WriteAsync(output, assets, bands, culture, RegisterColumns.All, includeCachedValues, cancellationToken);

    /// <param name="columns">The register's columns; <see cref="RegisterColumns.All"/> but in tests.</param>
    internal static async Task WriteAsync(
        Stream output, IAsyncEnumerable<InformationAsset> assets, RiskBandScheme bands, CultureInfo culture, IReadOnlyList<RegisterColumn> columns, bool includeCachedValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(bands);
        var text = WorkbookText.For(culture);

        // The zip and the sheet writers write synchronously, which a web response refuses: the
        // workbook is built in a temporary file and copied to the output asynchronously.
        await using var package = TemporaryFile();
        using (var zip = new XlsxPackage(package))
        {
            zip.WriteSkeleton(sheetCount: 2);
            zip.WriteElement(XlsxPackage.StylesPath, RegisterStyles.Create());

            // The assets are read once: the risk analysis, a row per asset as in the register, is
            // written on another thread into a file of its own while the register is written, and
            // added to the zip after it (a third of the writing, off the register's thread).
            await using var analysisFile = TemporaryFile();
            var lastRow = 1;
            using (var registerPart = zip.CreatePart(XlsxPackage.WorksheetPath(RegisterSheetId)))
            using (var registerWriter = new SheetXmlWriter(registerPart, includeCachedValues))
            using (var analysisWriter = new SheetXmlWriter(analysisFile, includeCachedValues))
            {
                var register = new RegisterSheet(registerWriter, text, bands, columns);
                var analysis = new RiskAnalysisSheet(analysisWriter, text, bands, register);
                register.Start();
                analysis.Start();
                var forAnalysis = Channel.CreateBounded<(int FirstRow, List<InformationAsset> Assets)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
                var analysing = Task.Run(
                    async () =>
                    {
                        try
                        {
                            await foreach (var (firstRow, batch) in forAnalysis.Reader.ReadAllAsync(cancellationToken))
                            {
                                for (var i = 0; i < batch.Count; i++)
                                {
                                    analysis.Write(firstRow + i, batch[i]);
                                }
                            }
                        }
                        catch (Exception e)
                        {
                            // The register's thread then stops at its next batch instead of waiting for room.
                            forAnalysis.Writer.TryComplete(e);
                            throw;
                        }
                    },
                    cancellationToken);
                try
                {
                    await foreach (var batch in ReadAhead(assets, cancellationToken))
                    {
                        await forAnalysis.Writer.WriteAsync((lastRow + 1, batch), cancellationToken);
                        foreach (var asset in batch)
                        {
                            lastRow++;
                            register.Write(lastRow, asset);
                        }
                    }
                }
                catch (ChannelClosedException)
                {
                    await analysing;
                    throw;
                }
                finally
                {
                    forAnalysis.Writer.TryComplete();
                    await Task.WhenAny(analysing);
                }

                await analysing;
                register.Finish(lastRow);
                analysis.Finish(lastRow);
            }

            using (var analysisPart = zip.CreatePart(XlsxPackage.WorksheetPath(RiskSheetId)))
            {
                analysisFile.Position = 0;
                analysisFile.CopyTo(analysisPart);
            }

            zip.WriteElement(XlsxPackage.WorkbookPath, Workbook(text, columns.Count, lastRow));
        }

        package.Position = 0;
        await package.CopyToAsync(output, cancellationToken);
    }

    private static Workbook Workbook(WorkbookText text, int registerColumns, int lastRow)
    {
        var workbook = new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(
                new Sheet { Name = text.RegisterSheet, SheetId = RegisterSheetId, Id = XlsxPackage.WorksheetRelationshipId(RegisterSheetId) },
                new Sheet { Name = text.RiskSheet, SheetId = RiskSheetId, Id = XlsxPackage.WorksheetRelationshipId(RiskSheetId) }),
            new DefinedNames(
                [
                    .. SheetNames(RegisterSheetId, text.RegisterSheet, registerColumns, lastRow),
                    .. SheetNames(RiskSheetId, text.RiskSheet, RiskAnalysisSheet.ColumnCount, lastRow),
                ]),
            // Excel recomputes on opening; the cached values serve viewers and Mamori's importer.
            new CalculationProperties { FullCalculationOnLoad = true });
        workbook.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return workbook;
    }

    /// <summary>The header row repeated on every printed page, and the range Excel's filter covers.</summary>
    private static IEnumerable<DefinedName> SheetNames(int sheetId, string sheetName, int columnCount, int lastRow)
    {
        var sheet = SheetXmlWriter.QuoteSheetName(sheetName);
        var localSheetId = (uint)(sheetId - 1);
        yield return new DefinedName($"{sheet}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = localSheetId };
        yield return new DefinedName($"{sheet}!$A$1:${XlsxSheetReader.ColumnLetter(columnCount - 1)}${lastRow}")
        {
            Name = "_xlnm._FilterDatabase",
            LocalSheetId = localSheetId,
            Hidden = true,
        };
    }

    /// <summary>
    /// The assets in batches, read on another thread a few hundred ahead of the one writing the sheets:
    /// reading a register from the database takes about half as long as writing it, and the two overlap.
    /// </summary>
    private static async IAsyncEnumerable<List<InformationAsset>> ReadAhead(
        IAsyncEnumerable<InformationAsset> assets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<InformationAsset>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                var batch = new List<InformationAsset>(ReadAheadBatch);
                await foreach (var asset in assets.WithCancellation(stop.Token))
                {
                    batch.Add(asset);
                    if (batch.Count == ReadAheadBatch)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<InformationAsset>(ReadAheadBatch);
                    }
                }

                await batches.Writer.WriteAsync(batch, stop.Token);
            },
            stop.Token);
        _ = reading.ContinueWith(t => batches.Writer.TryComplete(t.IsCanceled ? new OperationCanceledException() : t.Exception?.InnerException), TaskScheduler.Default);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                yield return batch;
            }
        }
        finally
        {
            // The reader must be done with the assets' source (a database context) before this returns.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
        }

        await reading;
    }

    private const int ReadAheadBatch = 256;

    private static FileStream TemporaryFile() =>
        new(
            Path.Combine(Path.GetTempPath(), $"mamori-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81920,
            FileOptions.DeleteOnClose);
}
