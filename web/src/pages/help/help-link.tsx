import { Link } from 'react-router';

/** The header's link to the user guide, at the section of the page on screen (usePageTitle). */
export function HelpLink({ section }: { section: string | null }) {
  return (
    <Link to={`/help${section ? `#${section}` : ''}`} className="help-link">
      Справка
    </Link>
  );
}
