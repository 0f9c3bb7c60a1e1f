// The sheet's Print button: a script file, because the Content-Security-Policy refuses inline handlers.
document.addEventListener('click', function (event) {
    if (event.target.closest('[data-print]')) {
        window.print();
    }
});
