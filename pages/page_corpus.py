"""Corpus: add coverage (files or pasted text), correct metadata, delete and restore."""

import pandas as pd
import streamlit as st

from briefing import config
from briefing.formats import SUPPORTED_EXTENSIONS, unsupported_message
from briefing.storage import AddOutcome, safe_source_name
from briefing.tables import stored_articles_table
from briefing.wording import plural
from ui.data import current_store
from ui.render import md_escape
from ui.widgets import TABLE_PAGE_SIZES, csv_download, paginate

st.title("Corpus")
store = current_store()
limit_mb = config.MAX_FILE_BYTES / 1024 / 1024
# What the last delete or restore did, said here at the top (the buttons are at the foot of the page).
notice = st.container()
LAST_CHANGE = "corpus-last-change"  # (article id, deleted) of the last delete or restore
CONFIRMING = "corpus-confirm-delete"  # the article whose deletion awaits confirmation


def show_outcomes(outcomes) -> None:
    frame = pd.DataFrame([{"Outcome": o.status, "File": o.source_name, "Details": o.message} for o in outcomes])
    added = sum(o.stored for o in outcomes)
    (st.success if added else st.warning)(f"{added} of {len(outcomes)} added.")
    st.dataframe(frame, hide_index=True, key="outcomes", column_config={  # the reason gets the room
        "Outcome": st.column_config.TextColumn(width="small"), "File": st.column_config.TextColumn(width="medium"),
        "Details": st.column_config.TextColumn(width="large")})


def upload_outcome(uploaded) -> AddOutcome:
    """What happened to one chosen file: every type is accepted by the uploader and refused here
    with its reason, so the outcome table lists every file chosen."""
    name = safe_source_name(uploaded.name)
    if uploaded.size > config.MAX_FILE_BYTES:  # refused before its bytes are read
        return AddOutcome(name, "refused", f"file is {uploaded.size:,} bytes, over the {config.MAX_FILE_BYTES:,}-byte limit")
    if unsupported_message(name):
        return AddOutcome(name, "refused", unsupported_message(name))
    return store.add_bytes(uploaded.name, uploaded.getvalue())


def add_uploads(files) -> list[AddOutcome]:
    outcomes = []
    progress = st.progress(0.0, text="Adding files…")
    for done, uploaded in enumerate(files, start=1):
        outcomes.append(upload_outcome(uploaded))
        progress.progress(done / len(files), text=f"Added {done} of {plural(len(files), 'file')}")
    progress.empty()
    return outcomes


def submitted(outcomes: list[AddOutcome] | None, nothing: str) -> None:
    """Keep what an Add button did for the outcome table, or say there was nothing to add."""
    st.session_state.pop(LAST_CHANGE, None)
    st.session_state["last_outcomes"] = outcomes
    if outcomes is None:
        st.info(f"Nothing to add: {nothing}.")


upload_tab, paste_tab = st.tabs(["Upload files", "Paste text"])
with upload_tab:
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(f"Article files ({', '.join(SUPPORTED_EXTENSIONS)}; up to {limit_mb:g} MB each)",
                                 accept_multiple_files=True)
        if st.form_submit_button("Add uploaded files"):
            submitted(add_uploads(files) if files else None, "choose one or more files first")
with paste_tab:
    with st.form("paste", clear_on_submit=True):
        text = st.text_area("Article text", height=200)
        title_column, outlet_column, date_column = st.columns(3)
        title = title_column.text_input("Title (optional)")
        outlet = outlet_column.text_input("Outlet (optional)")
        published = date_column.text_input("Published (optional, YYYY-MM-DD)")
        if st.form_submit_button("Add pasted text"):
            submitted([store.add_text(text, title, outlet, published)] if text.strip() else None, "the text box is empty")
if st.session_state.get("last_outcomes"):
    show_outcomes(st.session_state["last_outcomes"])

st.subheader("Stored articles")
st.caption("Every stored article, deleted ones included; the sidebar filters apply to the analysis pages only.")
rows = store.list(include_deleted=True)
if not rows:
    st.info("The corpus is empty. Upload files or paste text above.")
    st.stop()
frame = stored_articles_table(rows)
# Widths bounded so whether an article is deleted, its outlet and date show at 1280 px.
st.dataframe(paginate(frame, key="stored-pages", noun="stored articles", page_sizes=TABLE_PAGE_SIZES), hide_index=True,
             key="stored", column_config={"Title": st.column_config.TextColumn(width="large"),
                                          "Outlet": st.column_config.TextColumn(width="medium")})
if len(frame) > TABLE_PAGE_SIZES[0]:
    csv_download("Stored articles (CSV)", frame, "stored-articles.csv", key="stored-csv")
not_english = [row for row in rows if row.language != "en" and not row.deleted_at]
if not_english:
    st.caption(f"Not in English, so left out of the analysis: {plural(len(not_english), 'stored article')}: "
               + md_escape(", ".join(row.source_name for row in not_english)[:500]))

labels = {row.id: f"{row.title or row.source_name} ({row.source_name})" for row in rows}
st.subheader("Correct an article")
chosen = st.selectbox("Article to correct", list(labels), format_func=labels.get, key="correct-article")
current = next(row for row in rows if row.id == chosen)
with st.form("correct"):
    new_title = st.text_input("Title", value=current.title or "")
    new_outlet = st.text_input("Outlet", value=current.outlet or "")
    new_date = st.text_input("Published (YYYY-MM-DD)", value=current.published or "")
    saved = st.form_submit_button("Save corrections")
if saved:
    problems = [
        problem for field, value, old in (("title", new_title, current.title), ("outlet", new_outlet, current.outlet),
                                          ("published", new_date, current.published))
        if (value or None) != old and (problem := store.correct(chosen, field, value))
    ]
    if problems:
        st.error("Not saved: " + md_escape("; ".join(problems)))
    else:
        st.session_state["corrections_saved"] = True
        st.rerun()  # redraw the table and the sidebar with the corrected values
if st.session_state.pop("corrections_saved", False):
    st.success("Corrections saved; the analysis is updated.")


def set_deleted(article_id: str, deleted: bool) -> None:
    """Delete or restore one article, and say so at the top of the page."""
    (store.remove if deleted else store.restore)(article_id)
    st.session_state.pop(CONFIRMING, None)
    st.session_state[LAST_CHANGE] = (article_id, deleted)


def ask_to_delete(article_id: str) -> None:
    st.session_state[CONFIRMING] = article_id


def cancel_delete() -> None:
    st.session_state.pop(CONFIRMING, None)


st.subheader("Delete or restore")
target = st.selectbox("Article", list(labels), format_func=labels.get, key="delete-article")
row = next(r for r in rows if r.id == target)
if row.deleted_at:
    st.button("Restore article", key="restore", on_click=set_deleted, args=(target, False))
elif st.session_state.get(CONFIRMING) == target:
    with st.container(border=True, key="confirm-delete-box"):
        st.warning(f"Delete “{md_escape(labels[target])}”? It leaves the analysis; it stays in the store and "
                   "can be restored.")
        with st.container(horizontal=True):
            st.button("Yes, delete", key="confirm-delete", type="primary", on_click=set_deleted, args=(target, True))
            st.button("Cancel", key="cancel-delete", on_click=cancel_delete)
else:
    st.button("Delete article", key="delete", on_click=ask_to_delete, args=(target,))
st.caption("Deleting hides an article from the analysis; it stays in the store and can be restored.")

with notice:
    done = st.session_state.get(LAST_CHANGE)
    if done and done[0] in labels:
        article_id, deleted = done
        still_deleted = next(r for r in rows if r.id == article_id).deleted_at is not None
        with st.container(horizontal=True, vertical_alignment="center"):
            if deleted and still_deleted:
                st.success(f"Deleted “{md_escape(labels[article_id])}”: it is left out of the analysis.")
                st.button("Undo", key="undo-delete", on_click=set_deleted, args=(article_id, False))
            elif not deleted:
                st.success(f"Restored “{md_escape(labels[article_id])}”: it is back in the analysis.")
