using System.Globalization;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Status;

/// <summary>The page shown for 404, 403 and other error statuses (and /error for exceptions).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken] // re-executed for failed POSTs too, whose token may be what failed
public sealed class IndexModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet(int code)
    {
        (Title, Text) = code switch
        {
            404 => (CommonText.NotFoundTitle, CommonText.NotFoundText),
            403 => (CommonText.ForbiddenTitle, CommonText.ForbiddenText),
            >= 500 => (CommonText.ErrorTitle, CommonText.ErrorText),
            _ => (string.Format(CultureInfo.CurrentCulture, CommonText.StatusTitle, code), ""),
        };
    }
}
