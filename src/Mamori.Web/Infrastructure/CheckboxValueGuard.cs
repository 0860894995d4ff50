using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A posted checkbox whose value is not true/false already fails validation, but the page shown
/// again would throw while rendering that value back into the checkbox (a 500 instead of the
/// form with its message). The value shown is replaced by "false"; the validation error stays.
/// </summary>
public sealed class CheckboxValueGuard : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        var state = context.ModelState;
        foreach (var (key, entry) in state.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).ToList())
        {
            if (entry is null || PropertyType(context.HandlerInstance.GetType(), key) is not { } type || (type != typeof(bool) && type != typeof(bool?)))
            {
                continue;
            }

            var values = entry.RawValue switch
            {
                string one => [one],
                string[] many => many,
                _ => Array.Empty<string>(),
            };
            if (values.Any(v => !bool.TryParse(v, out _)))
            {
                state.SetModelValue(key, "false", "false");
            }
        }
    }

    /// <summary>The type of the property a model-state key names ("Input.PersonalInformation"), or null when it is not a plain property path.</summary>
    private static Type? PropertyType(Type model, string key)
    {
        var type = model;
        foreach (var name in key.Split('.'))
        {
            if (name.Contains('[', StringComparison.Ordinal)
                || type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not { } property)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return type;
    }
}
