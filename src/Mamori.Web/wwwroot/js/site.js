// Progressive enhancement only: every flow works without this file.
(function () {
    // Confirm before submitting forms marked data-confirm (the server still asks on its own page without JS).
    document.addEventListener('submit', function (event) {
        var message = event.target.getAttribute('data-confirm');
        if (message && !window.confirm(message)) { event.preventDefault(); }
    });

    // Print buttons (the page's print styles hide the navigation).
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });

    // Live preview of Markdown while typing: the server fills placeholders and returns sanitized HTML.
    var source = document.querySelector('textarea[data-preview]');
    if (source && window.fetch && window.FormData) {
        var target = document.getElementById(source.getAttribute('data-preview'));
        var timer = null;
        source.addEventListener('input', function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                var form = source.form;
                var url = new URL(form.getAttribute('action') || window.location.href, window.location.href);
                url.searchParams.set('handler', 'PreviewFragment');
                fetch(url, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
                    .then(function (response) { return response.ok ? response.text() : null; })
                    .then(function (html) { if (html !== null && target) { target.innerHTML = html; } });
            }, 400);
        });
    }

    // Upload progress for register imports.
    var form = document.querySelector('form[data-upload-progress]');
    if (form && window.FormData && window.XMLHttpRequest) {
        form.addEventListener('submit', function (event) {
            var bar = document.getElementById(form.getAttribute('data-upload-progress'));
            if (!bar) { return; }
            event.preventDefault();
            var request = new XMLHttpRequest();
            request.open('POST', form.action || window.location.href);
            bar.parentElement.hidden = false;
            request.upload.addEventListener('progress', function (e) {
                if (e.lengthComputable) {
                    var percent = Math.round(e.loaded * 100 / e.total);
                    bar.style.width = percent + '%';
                    bar.setAttribute('aria-valuenow', String(percent));
                    bar.textContent = percent + '%';
                }
            });
            request.addEventListener('load', function () {
                document.open(); document.write(request.responseText); document.close();
                if (request.responseURL) { window.history.replaceState(null, '', request.responseURL); }
            });
            request.send(new FormData(form));
        });
    }
})();
