// A link clicked while a staff page is painted but not yet live would change the address and leave the old page
// on screen: Blazor's enhanced navigation hands the click to an interactive router that has not started yet. Until
// the page is live, the browser follows such a link as an ordinary page load.
window.addEventListener('click', event => {
    if (document.querySelector('.staff-circuit[data-interactive=true]')) {
        return;
    }

    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
    }

    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) {
        return;
    }

    if (new URL(link.href, document.baseURI).origin === location.origin) {
        event.stopImmediatePropagation();
    }
}, true);
