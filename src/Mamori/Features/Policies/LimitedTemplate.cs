using System.Globalization;
using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Mamori.Domain;
using Mamori.Resources;

namespace Mamori.Features.Policies;

/// <summary>
/// Renders a document's template within bounds, as anyone who can edit a document can post any
/// Liquid: at most <see cref="MaxSteps"/> statements and loop turns, no range longer than that (a
/// range is built whole before the loop starts, so it is refused before rendering), no include
/// deeper than <see cref="MaxRecursion"/>, at most <see cref="MaxOutput"/> characters out and in
/// any assigned or captured value, and <see cref="MaxTime"/> in all. A template over a bound is
/// not rendered: the caller gets <see cref="Messages.TemplateOverLimit"/> instead.
/// </summary>
public static class LimitedTemplate
{
    /// <summary>Far above what a document needs (a few hundred placeholders), far below what takes noticeable CPU.</summary>
    public const int MaxSteps = 20_000;

    public const int MaxRecursion = 8;

    /// <summary>About ten times the longest document of the catalogs.</summary>
    public const int MaxOutput = 1_000_000;

    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    public sealed record Outcome(string? Text, string? Error);

    /// <summary>Options with the bounds, for a context that <see cref="Render"/> will render.</summary>
    public static TemplateOptions Options(CultureInfo culture)
    {
        var options = new TemplateOptions { CultureInfo = Language.Of(culture), MaxSteps = MaxSteps, MaxRecursion = MaxRecursion };
        options.Assigned = (_, value, _) => Bounded(value);
        options.Captured = (_, value, _) => Bounded(value);
        return options;
    }

    /// <summary>The text, or the reason it was not rendered (in <paramref name="culture"/>).</summary>
    public static Outcome Render(IFluidTemplate template, TemplateContext context, CultureInfo culture)
    {
        if (!RangesAreBounded(template))
        {
            return new(null, OverLimit(culture));
        }

        using var deadline = new CancellationTokenSource(MaxTime);
        var writer = new BoundedWriter(deadline.Token);
        try
        {
            // Synchronous in practice: no filter or value of ours is asynchronous.
            template.RenderAsync(writer, context, NullEncoder.Default).AsTask().GetAwaiter().GetResult();
            return new(writer.Text, null);
        }
        catch (Exception e) when (e is OverLimitException or OperationCanceledException or InvalidOperationException)
        {
            // Fluid reports too many steps or too deep an include as an InvalidOperationException.
            return new(null, OverLimit(culture));
        }
    }

    private static ValueTask<FluidValue> Bounded(FluidValue value) =>
        value is StringValue && value.ToStringValue().Length > MaxOutput ? throw new OverLimitException() : new(value);

    private static string OverLimit(CultureInfo culture) =>
        string.Format(culture, Messages.ResourceManager.Text(nameof(Messages.TemplateOverLimit), culture), MaxSteps, MaxOutput, MaxTime.TotalSeconds);

    private static bool RangesAreBounded(IFluidTemplate template)
    {
        var ranges = new RangeFinder();
        ranges.VisitTemplate(template);
        return ranges.Bounded;
    }

    /// <summary>Finds every (a..b) of a template: each must have number literals for bounds and at most <see cref="MaxSteps"/> items.</summary>
    private sealed class RangeFinder : AstVisitor
    {
        public bool Bounded { get; private set; } = true;

        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            if (rangeExpression.From is not LiteralExpression { Value: NumberValue from }
                || rangeExpression.To is not LiteralExpression { Value: NumberValue to }
                || Math.Abs(to.ToNumberValue() - from.ToNumberValue()) >= MaxSteps)
            {
                Bounded = false;
            }

            return base.VisitRangeExpression(rangeExpression);
        }
    }

    private sealed class OverLimitException : Exception
    {
    }

    /// <summary>Collects the output, refusing it past <see cref="MaxOutput"/> characters or past the deadline.</summary>
    private sealed class BoundedWriter(CancellationToken deadline) : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.Unicode;

        public string Text => _text.ToString();

        public override void Write(char value)
        {
            Check(1);
            _text.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            _text.Append(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            _text.Append(buffer);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            _text.Append(value);
        }

        // TextWriter's own asynchronous writes hand each write to the thread pool and Render waits for it:
        // writing to memory needs no thread, so each completes here, on the caller's.
        public override Task WriteAsync(char value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            Write(buffer, index, count);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return Task.CompletedTask;
        }

        private void Check(int more)
        {
            deadline.ThrowIfCancellationRequested();
            if (_text.Length + more > MaxOutput)
            {
                throw new OverLimitException();
            }
        }
    }
}
